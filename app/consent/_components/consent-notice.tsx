'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The slim bar on every page while a signed-in member has a required policy to accept. */
export function ConsentNotice() {
  const pathname = usePathname();
  if (pathname === '/consent') return null;
  return (
    <aside aria-label="Policy changes" className="border-b border-amber-300 bg-amber-50 no-print">
      <p className="mx-auto max-w-5xl px-4 py-2 text-sm text-amber-950">
        Our policies have changed.{' '}
        <Link href={`/consent?callbackUrl=${encodeURIComponent(pathname)}`} className="font-medium text-amber-950 underline">
          Read and accept them
        </Link>{' '}
        to keep taking part.
      </p>
    </aside>
  );
}
