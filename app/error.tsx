'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-3 text-center">
        <h1 className="page-title">Something went wrong</h1>
        <p className="text-stone-600">The page could not be shown. Nothing you saved was lost. Try again in a moment.</p>
        <button type="button" onClick={reset} className="btn-secondary">
          Try again
        </button>
      </div>
    </div>
  );
}
