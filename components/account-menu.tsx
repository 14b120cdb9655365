'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { signOutAction } from '@/app/_actions/sign-out';

export function AccountMenu({
  name,
  username,
  email,
  isAdmin,
  canReview,
  canHandleRequests = false,
}: {
  name: string;
  username: string;
  email: string;
  isAdmin: boolean;
  canReview: boolean;
  canHandleRequests?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const item = 'block w-full px-4 py-2 text-left text-sm text-stone-800 no-underline hover:bg-stone-50 hover:no-underline';
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="account-menu"
        aria-label={`Account menu for ${username}`}
        onClick={() => setOpen((v) => !v)}
        className="flex items-center gap-2 rounded-md px-2 py-1 text-sm font-medium hover:bg-stone-100"
      >
        <span className="flex size-8 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-800" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden max-w-32 truncate sm:inline" aria-hidden="true">
          {username}
        </span>
      </button>
      {open ? (
        <nav id="account-menu" aria-label="Account" className="absolute right-0 z-20 mt-2 w-60 rounded-md border border-stone-200 bg-white py-1 shadow-lg">
          <p className="truncate border-b border-stone-100 px-4 py-2 text-xs text-stone-500">Signed in as {email}</p>
          <Link href={`/u/${username}`} className={item} onClick={() => setOpen(false)}>
            Your profile
          </Link>
          <Link href="/messages" className={item} onClick={() => setOpen(false)}>
            Messages
          </Link>
          <Link href="/bookmarks" className={item} onClick={() => setOpen(false)}>
            Bookmarks
          </Link>
          <Link href="/settings/profile" className={item} onClick={() => setOpen(false)}>
            Profile settings
          </Link>
          <Link href="/settings/notifications" className={item} onClick={() => setOpen(false)}>
            Notification settings
          </Link>
          <Link href="/settings/data" className={item} onClick={() => setOpen(false)}>
            Your data
          </Link>
          {isAdmin ? (
            <Link href="/admin" className={item} onClick={() => setOpen(false)}>
              Admin
            </Link>
          ) : canReview ? (
            <Link href="/admin/review" className={item} onClick={() => setOpen(false)}>
              Review queue
            </Link>
          ) : canHandleRequests ? (
            <Link href="/admin/data-requests" className={item} onClick={() => setOpen(false)}>
              Data requests
            </Link>
          ) : null}
          <form action={signOutAction}>
            <button type="submit" className={item}>
              Sign out
            </button>
          </form>
        </nav>
      ) : null}
    </div>
  );
}
