'use client';

import Link from 'next/link';
import { useActionState, useEffect, useId, useRef, useState, useTransition } from 'react';
import { SubmitButton } from '@/components/form-fields';
import { FLAG_NOTE_MAX, FLAG_REASON_TEXT, FLAG_REASONS } from '@/lib/forum/flag-reasons';
import { initialFormState } from '@/lib/forms';
import { flagPostAction, setBookmarkAction, setLikeAction, whoLikedAction } from './reaction-actions';

export interface ReactionsProps {
  postId: number;
  likeCount: number;
  liked: boolean;
  bookmarked: boolean;
  canLike: boolean;
  canBookmark: boolean;
  canFlag: boolean;
  signedIn: boolean;
}

const BUTTON =
  'inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm text-stone-600 hover:bg-stone-100 aria-disabled:cursor-progress aria-disabled:opacity-60 aria-pressed:text-brand-700';

function Icon({ d, filled }: { d: string; filled?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" className="size-4 shrink-0" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

const HEART = 'M12 21s-7.5-4.6-9.6-9.3C.9 8.4 3 4.5 6.7 4.5c2.1 0 3.6 1.1 5.3 3 1.7-1.9 3.2-3 5.3-3 3.7 0 5.8 3.9 4.3 7.2C19.5 16.4 12 21 12 21z';
const BOOKMARK = 'M6 3.5h12a1 1 0 0 1 1 1V21l-7-4.5L5 21V4.5a1 1 0 0 1 1-1z';
const FLAG = 'M5 21V4m0 0h11l-2 4 2 4H5';

const TRY_AGAIN = 'That did not work: the connection may have dropped. Try again in a moment.';

const likesLabel = (n: number) => `${n} ${n === 1 ? 'like' : 'likes'}`;

/**
 * The like, bookmark and report buttons under a post. Likes and bookmarks change at once on screen and
 * settle to what the server says; a refused change is undone with a message beside the buttons.
 */
export function Reactions(props: ReactionsProps) {
  const [like, setLike] = useState({ liked: props.liked, count: props.likeCount });
  const [bookmarked, setBookmarked] = useState(props.bookmarked);
  // When the page is refreshed with newer numbers, follow them.
  const [fromServer, setFromServer] = useState(props);
  if (fromServer.liked !== props.liked || fromServer.likeCount !== props.likeCount || fromServer.bookmarked !== props.bookmarked) {
    setFromServer(props);
    setLike({ liked: props.liked, count: props.likeCount });
    setBookmarked(props.bookmarked);
  }
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [likePending, startLike] = useTransition();
  const [bookmarkPending, startBookmark] = useTransition();

  // Busy buttons stay focusable (aria-disabled, not disabled) so keyboard focus is never lost.
  function toggleLike() {
    if (likePending) return;
    const before = like;
    const next = !like.liked;
    setLike({ liked: next, count: Math.max(0, like.count + (next ? 1 : -1)) });
    setError(null);
    startLike(async () => {
      const result = await setLikeAction(props.postId, next).catch(() => ({ ok: false as const, message: TRY_AGAIN }));
      if (result.ok) {
        setLike({ liked: result.value.liked, count: result.value.likeCount });
        setStatus(result.value.liked ? 'You liked this post.' : 'Your like was taken back.');
      } else {
        setLike(before);
        setError(result.message);
      }
    });
  }

  function toggleBookmark() {
    if (bookmarkPending) return;
    const next = !bookmarked;
    setBookmarked(next);
    setError(null);
    startBookmark(async () => {
      const result = await setBookmarkAction(props.postId, next).catch(() => ({ ok: false as const, message: TRY_AGAIN }));
      if (result.ok) {
        setBookmarked(result.value.bookmarked);
        setStatus(result.value.bookmarked ? 'Added to your bookmarks.' : 'Removed from your bookmarks.');
      } else {
        setBookmarked(!next);
        setError(result.message);
      }
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-1">
      {props.canLike ? (
        <button type="button" className={BUTTON} aria-pressed={like.liked} onClick={toggleLike} aria-disabled={likePending || undefined} title={like.liked ? 'Take your like back' : 'Like this post'}>
          <Icon d={HEART} filled={like.liked} />
          <span className="sr-only sm:not-sr-only">Like</span>
        </button>
      ) : null}
      {like.count > 0 ? (
        props.signedIn ? (
          <WhoLiked postId={props.postId} count={like.count} withIcon={!props.canLike} />
        ) : (
          <span className="inline-flex items-center gap-1.5 px-2 py-1 text-sm text-stone-600">
            <Icon d={HEART} />
            {likesLabel(like.count)}
          </span>
        )
      ) : null}
      {props.canBookmark ? (
        <button
          type="button"
          className={BUTTON}
          aria-pressed={bookmarked}
          onClick={toggleBookmark}
          aria-disabled={bookmarkPending || undefined}
          title={bookmarked ? 'Remove from your bookmarks' : 'Keep this post in your bookmarks (only you see them)'}
        >
          <Icon d={BOOKMARK} filled={bookmarked} />
          <span className="sr-only sm:not-sr-only">Bookmark</span>
        </button>
      ) : null}
      {props.canFlag ? <Report postId={props.postId} /> : null}
      <span role="status" aria-live="polite" className="sr-only">
        {status}
      </span>
      {error ? (
        <p role="alert" className="w-full px-2 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "3 likes": opens a small list of who liked the post. Escape or a click elsewhere closes it. */
function WhoLiked({ postId, count, withIcon }: { postId: number; count: number; withIcon: boolean }) {
  const [open, setOpen] = useState(false);
  const [likers, setLikers] = useState<{ usernames: string[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  function toggle() {
    if (open) return setOpen(false);
    setOpen(true);
    setError(null);
    startLoading(async () => {
      const result = await whoLikedAction(postId).catch(() => ({ ok: false as const, message: TRY_AGAIN }));
      if (result.ok) setLikers(result.value);
      else setError(result.message);
    });
  }

  return (
    <div ref={box} className="relative">
      <button ref={button} type="button" className={BUTTON} aria-expanded={open} aria-controls={panelId} onClick={toggle} title="See who liked this post">
        {withIcon ? <Icon d={HEART} /> : null}
        {likesLabel(count)}
      </button>
      {open ? (
        <div
          id={panelId}
          role="region"
          aria-label="Members who liked this post"
          aria-busy={loading}
          className="absolute left-0 z-20 mt-1 max-h-64 w-56 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-md border border-stone-200 bg-white p-3 text-sm shadow-lg"
        >
          {error ? (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          ) : loading && !likers ? (
            <p className="text-stone-500">Loading…</p>
          ) : likers && likers.total > 0 ? (
            <>
              <p className="mb-1 font-medium text-stone-800">Liked by</p>
              <ul className="space-y-1">
                {likers.usernames.map((u) => (
                  <li key={u}>
                    <Link href={`/u/${u}`}>@{u}</Link>
                  </li>
                ))}
              </ul>
              {likers.total > likers.usernames.length ? <p className="mt-1 text-stone-500">and {likers.total - likers.usernames.length} more</p> : null}
            </>
          ) : (
            <p className="text-stone-500">No likes any more.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** The "Report" button and its dialog. What was typed stays if the dialog is closed and opened again. */
function Report({ postId }: { postId: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const thanks = useRef<HTMLSpanElement>(null);
  const [mounted, setMounted] = useState(false);
  const [reported, setReported] = useState(false);
  const titleId = useId();

  useEffect(() => {
    if (mounted && !dialog.current?.open) dialog.current?.showModal();
  }, [mounted]);

  function open() {
    if (mounted) dialog.current?.showModal();
    else setMounted(true);
  }

  function close() {
    dialog.current?.close();
  }

  // The thank-you note that replaces the button takes the focus, so a screen reader reads it out.
  function done() {
    setReported(true);
    close();
  }

  return (
    <>
      {reported ? (
        <span ref={thanks} tabIndex={-1} className="inline-flex items-center gap-1.5 px-2 py-1 text-sm text-green-800">
          <Icon d={FLAG} filled />
          Reported. Thank you: the staff will look at it.
        </span>
      ) : (
        <button ref={opener} type="button" className={BUTTON} onClick={open} aria-haspopup="dialog" title="Report this post to the staff">
          <Icon d={FLAG} />
          <span className="sr-only sm:not-sr-only">Report</span>
        </button>
      )}
      {mounted ? (
        <dialog
          ref={dialog}
          aria-labelledby={titleId}
          // Focus goes back where it came from: the Report button, or the thank-you note that replaced it.
          onClose={() => (thanks.current ?? opener.current)?.focus()}
          onClick={(e) => {
            // A click on the backdrop (the dialog element itself, outside its content) closes it.
            if (e.target === dialog.current) close();
          }}
          className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/40"
        >
          <FlagForm postId={postId} titleId={titleId} onCancel={close} onDone={done} />
        </dialog>
      ) : null}
    </>
  );
}

function FlagForm({ postId, titleId, onCancel, onDone }: { postId: number; titleId: string; onCancel: () => void; onDone: () => void }) {
  const [state, formAction] = useActionState(flagPostAction, initialFormState);
  const [reason, setReason] = useState(state.values.reason ?? '');
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const reasonError = state.errors.reason;
  const noteError = state.errors.note;
  const formError = state.status === 'error' && !reasonError && !noteError ? state.message : undefined;

  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  });
  useEffect(() => {
    if (state.status === 'success') onDoneRef.current();
    // Take the keyboard to the first field that needs fixing.
    if (state.errors.reason) form.current?.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
    else if (state.errors.note) form.current?.querySelector<HTMLTextAreaElement>('textarea[name="note"]')?.focus();
  }, [state]);

  const noteDescribedBy = [`${id}-note-hint`, noteError ? `${id}-note-error` : null].filter(Boolean).join(' ');
  return (
    <form ref={form} action={formAction} noValidate className="space-y-4 p-5">
      <input type="hidden" name="postId" value={postId} />
      <div>
        <h2 id={titleId} className="text-lg font-semibold">
          Report this post
        </h2>
        <p className="mt-1 text-sm text-stone-600">The staff review every report. The author is not told who reported it.</p>
      </div>
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <fieldset aria-describedby={reasonError ? `${id}-reason-error` : undefined}>
        <legend className="label">Why are you reporting it?</legend>
        <div className="mt-2 space-y-2">
          {FLAG_REASONS.map((r) => (
            <div key={r} className="flex items-start gap-3">
              <input
                type="radio"
                id={`${id}-reason-${r}`}
                name="reason"
                value={r}
                defaultChecked={state.values.reason === r}
                onChange={() => setReason(r)}
                aria-describedby={`${id}-reason-${r}-about`}
                aria-invalid={reasonError ? true : undefined}
                className="mt-1 size-4 shrink-0 accent-brand-700"
              />
              <label htmlFor={`${id}-reason-${r}`} className="text-sm">
                <span className="font-medium text-stone-900">{FLAG_REASON_TEXT[r].label}</span>
                <span id={`${id}-reason-${r}-about`} className="block text-stone-600">
                  {FLAG_REASON_TEXT[r].description}
                </span>
              </label>
            </div>
          ))}
        </div>
        {reasonError ? (
          <p id={`${id}-reason-error`} className="field-error" role="alert">
            {reasonError}
          </p>
        ) : null}
      </fieldset>
      <div>
        <label htmlFor={`${id}-note`} className="label">
          Note to the staff {reason === 'other' ? '(required)' : '(optional)'}
        </label>
        <textarea
          id={`${id}-note`}
          name="note"
          rows={3}
          maxLength={FLAG_NOTE_MAX}
          defaultValue={state.values.note ?? ''}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteDescribedBy}
          className="input mt-1"
        />
        <p id={`${id}-note-hint`} className="hint">
          Up to {FLAG_NOTE_MAX} characters. Only the staff read it.
        </p>
        {noteError ? (
          <p id={`${id}-note-error`} className="field-error" role="alert">
            {noteError}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        <SubmitButton pendingText="Sending…">Send report</SubmitButton>
      </div>
    </form>
  );
}
