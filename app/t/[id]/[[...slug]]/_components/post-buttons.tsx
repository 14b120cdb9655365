'use client';

import { useState } from 'react';
import { quoteSourceAction } from '@/components/forum/reaction-actions';

/**
 * Reply and Quote: they hand the post to the reply box at the bottom of the page. Quote takes the text
 * selected in the post, or else the post's Markdown, asked for when the button is pressed (if that
 * fails, the post's text as shown on the page).
 */
export function PostButtons({ postId, postNumber, author }: { postId: number; postNumber: number; author: string | null }) {
  const [quoting, setQuoting] = useState(false);
  const reply = () => {
    window.dispatchEvent(new CustomEvent('hearth:reply-to', { detail: { id: postId, label: `#${postNumber}${author ? ` by @${author}` : ''}` } }));
  };
  const quote = async () => {
    if (quoting) return;
    let text = window.getSelection()?.toString().trim() ?? '';
    if (!text) {
      setQuoting(true);
      const source = await quoteSourceAction(postId).catch(() => null);
      setQuoting(false);
      text = source?.ok ? source.value.trim() : (document.querySelector<HTMLElement>(`#post-${postNumber} .prose-doc`)?.innerText.trim() ?? '');
    }
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
      <button type="button" onClick={quote} aria-disabled={quoting || undefined} className="rounded px-2 py-1 text-sm text-stone-600 hover:bg-stone-100 aria-disabled:cursor-progress">
        Quote
      </button>
    </>
  );
}
