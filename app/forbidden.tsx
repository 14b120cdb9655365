import Link from 'next/link';

export default function ForbiddenPage() {
  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-3 text-center">
        <p className="text-sm font-semibold uppercase tracking-wide text-stone-500">403</p>
        <h1 className="page-title">You do not have access to this page</h1>
        <p className="text-stone-600">This area is for the community's staff. If you think you should have access, ask an administrator.</p>
        <Link href="/" className="btn-secondary">
          Back to the forum
        </Link>
      </div>
    </div>
  );
}
