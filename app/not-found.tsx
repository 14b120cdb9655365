import Link from 'next/link';

export default function NotFoundPage() {
  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-3 text-center">
        <p className="text-sm font-semibold uppercase tracking-wide text-stone-500">404</p>
        <h1 className="page-title">Page not found</h1>
        <p className="text-stone-600">The page does not exist, or you cannot see it.</p>
        <Link href="/" className="btn-secondary">
          Back to the forum
        </Link>
      </div>
    </div>
  );
}
