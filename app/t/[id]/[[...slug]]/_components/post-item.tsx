import Link from 'next/link';
import { postCommandAction } from '@/app/_actions/forum';
import { RelativeTime } from '@/components/relative-time';
import type { PostView } from '@/lib/forum/topics';
import { PostButtons } from './post-buttons';

function Command({ postId, command, label, explain, danger }: { postId: number; command: string; label: string; explain: string; danger?: boolean }) {
  return (
    <form action={postCommandAction} className="space-y-2 border-t border-stone-100 pt-2 first:border-0 first:pt-0">
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="command" value={command} />
      <p className="text-xs text-stone-600">{explain}</p>
      <button type="submit" className={danger ? 'btn-danger' : 'btn-secondary'}>
        {label}
      </button>
    </form>
  );
}

/** The author's picture when the viewer may see their profile; otherwise their initial (or "?" for no author). */
function BylineAvatar({ author }: { author: PostView['author'] }) {
  if (author?.profileVisible && author.avatarUrl) {
    // The name is right beside the picture, so the picture itself says nothing more to a screen reader.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={author.avatarUrl} alt="" width={36} height={36} loading="lazy" className="size-9 shrink-0 rounded-full border border-stone-200 object-cover" />;
  }
  return (
    <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-800" aria-hidden="true">
      {author ? author.name.slice(0, 1).toUpperCase() : '?'}
    </span>
  );
}

export function PostItem({
  post,
  canReply,
  allowAnonymize,
  allowErase,
  viewerId,
  reactions,
}: {
  post: PostView;
  canReply: boolean;
  allowAnonymize: boolean;
  allowErase: boolean;
  viewerId: string | null;
  reactions?: React.ReactNode;
}) {
  const own = viewerId !== null && post.author?.id === viewerId;
  const name = post.author ? post.author.name : 'Anonymous member';
  return (
    <article id={`post-${post.postNumber}`} aria-labelledby={`post-${post.postNumber}-by`} className="scroll-mt-20 border-b border-stone-200 py-5 last:border-0">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <BylineAvatar author={post.author} />
        <p id={`post-${post.postNumber}-by`} className="text-sm">
          {post.author?.profileVisible ? (
            <>
              <Link href={`/u/${encodeURIComponent(post.author.username)}`} className="font-semibold text-stone-900">
                {name}
              </Link>{' '}
              <span className="text-stone-500">@{post.author.username}</span>
              {post.author.online ? (
                <span className="ml-2 inline-flex items-center gap-1 text-xs text-green-800">
                  <span className="inline-block size-2 rounded-full bg-green-600" aria-hidden="true" />
                  Online
                </span>
              ) : null}
            </>
          ) : (
            <span className={`font-semibold ${post.author ? 'text-stone-900' : 'text-stone-700'}`}>{name}</span>
          )}
        </p>
        <p className="ml-auto flex items-center gap-3 text-sm text-stone-500">
          {post.versions > 1 ? (
            post.canSeeHistory ? (
              <Link href={`/posts/${post.id}/history`} className="text-stone-500" title="See every version">
                edited · {post.versions} versions
              </Link>
            ) : (
              <span>edited · {post.versions} versions</span>
            )
          ) : null}
          <a href={`/p/${post.id}`} className="text-stone-500" title="Link to this post">
            <RelativeTime date={post.createdAt} /> · #{post.postNumber}
          </a>
        </p>
      </header>
      <div className="mt-3 pl-0 sm:pl-12">
        {post.state === 'erased' ? (
          <p className="italic text-stone-500">This post was erased by its author.</p>
        ) : post.state === 'deleted' && !post.bodyHtml ? (
          <p className="italic text-stone-500">This post was deleted.</p>
        ) : post.state === 'hidden' && !post.bodyHtml ? (
          <p className="italic text-stone-500">This post was hidden by the moderators.</p>
        ) : (
          <>
            {post.state !== 'visible' ? (
              <p className="mb-2 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {post.state === 'deleted' ? 'Deleted — only staff can see this text.' : `Hidden by the moderators${post.hiddenReason ? `: ${post.hiddenReason.replace(/[.!?]$/, '')}` : ''}.`}
              </p>
            ) : null}
            <div className="prose-doc break-words" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
          </>
        )}
        <footer className="mt-3 flex flex-wrap items-center gap-1">
          {reactions}
          {canReply && post.state === 'visible' ? <PostButtons postId={post.id} postNumber={post.postNumber} author={post.author?.username ?? null} /> : null}
          {post.canEdit ? (
            <Link href={`/posts/${post.id}/edit`} className="rounded px-2 py-1 text-sm text-stone-600 no-underline hover:bg-stone-100">
              Edit
            </Link>
          ) : null}
          {post.canDelete || post.canRestore || (own && (allowAnonymize || allowErase)) ? (
            <details className="relative">
              <summary className="cursor-pointer list-none rounded px-2 py-1 text-sm text-stone-600 hover:bg-stone-100 [&::-webkit-details-marker]:hidden">More…</summary>
              <div className="absolute left-0 z-10 mt-1 w-72 space-y-2 rounded-md border border-stone-200 bg-white p-3 shadow-lg">
                {post.canRestore ? <Command postId={post.id} command="restore" label="Restore post" explain="Bring the post back for everyone." /> : null}
                {post.canDelete ? (
                  <Command
                    postId={post.id}
                    command="delete"
                    label={post.postNumber === 1 ? 'Delete topic' : 'Delete post'}
                    explain={`Replaces the post with a "deleted" notice. Staff can still read and restore it.${post.postNumber === 1 ? ' Deleting the first post deletes the topic.' : ''}`}
                    danger
                  />
                ) : null}
                {own && allowAnonymize && post.state !== 'erased' ? (
                  <Command
                    postId={post.id}
                    command="anonymize"
                    label="Remove my name"
                    explain="The post stays, shown as by an anonymous member, and is no longer linked to your account. You will not be able to edit or delete it afterwards."
                    danger
                  />
                ) : null}
                {own && allowErase && post.state !== 'erased' ? (
                  <Command
                    postId={post.id}
                    command="erase"
                    label="Erase post and its history"
                    explain="Deletes the text and every earlier version for good. Only an 'erased' notice remains, so replies keep their place. This cannot be undone."
                    danger
                  />
                ) : null}
              </div>
            </details>
          ) : null}
        </footer>
      </div>
    </article>
  );
}
