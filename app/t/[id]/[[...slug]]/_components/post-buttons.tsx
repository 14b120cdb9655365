'use client';

/** Reply and Quote: they hand the post to the reply box at the bottom of the page. */
export function PostButtons({ postId, postNumber, author, body }: { postId: number; postNumber: number; author: string | null; body: string | null }) {
  const reply = () => {
    window.dispatchEvent(new CustomEvent('hearth:reply-to', { detail: { id: postId, label: `#${postNumber}${author ? ` by @${author}` : ''}` } }));
  };
  const quote = () => {
    const selection = window.getSelection()?.toString().trim();
    const text = (selection || body || '').trim();
    const quoted = text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    window.dispatchEvent(new CustomEvent('hearth:quote', { detail: `> ${author ? `@${author}` : 'A member'} [wrote](/p/${postId}):\n${quoted}` }));
    reply();
  };
  return (
    <>
      <button type="button" onClick={reply} className="rounded px-2 py-1 text-sm text-stone-600 hover:bg-stone-100">
        Reply
      </button>
      {body ? (
        <button type="button" onClick={quote} className="rounded px-2 py-1 text-sm text-stone-600 hover:bg-stone-100">
          Quote
        </button>
      ) : null}
    </>
  );
}
