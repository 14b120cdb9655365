'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/** The progress bar of an export being prepared; refreshes the page every 2 seconds until it is done. */
export function ExportProgress({ progress, label }: { progress: number; label: string }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [router]);
  const value = Math.max(0, Math.min(100, progress));
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        className="h-2 w-full max-w-xs overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-700 transition-[width] duration-500" style={{ width: `${value}%` }} />
      </div>
      <span aria-hidden="true" className="text-sm tabular-nums text-stone-600">
        {value}%
      </span>
    </div>
  );
}
