import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { postCommandAction } from '@/app/_actions/forum';
import { RelativeTime } from '@/components/relative-time';
import { getViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { wordDiff, type DiffPart } from '@/lib/forum/diff';
import { getPostHistory } from '@/lib/forum/posts';

export const metadata: Metadata = { title: 'Edit history' };

function Diff({ parts, label }: { parts: DiffPart[]; label: string }) {
  return (
    <div aria-label={label} className="whitespace-pre-wrap break-words rounded-md border border-stone-200 bg-white p-4 font-mono text-sm leading-relaxed">
      {parts.map((p, i) =>
        p.kind === 'added' ? (
          <ins key={i} className="bg-green-100 text-green-900 no-underline" title="added">
            {p.text}
          </ins>
        ) : p.kind === 'removed' ? (
          <del key={i} className="bg-red-100 text-red-900" title="removed">
            {p.text}
          </del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </div>
  );
}

function VersionSelect({ name, label, numbers, value }: { name: string; label: string; numbers: number[]; value: number }) {
  return (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value} className="input mt-1 w-auto">
        {numbers.map((n) => (
          <option key={n} value={n}>
            Version {n}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { id } = await params;
  const query = await searchParams;
  let history;
  try {
    history = await getPostHistory(await getViewer(), Number(id));
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
  const { versions } = history;
  const numbers = versions.map((v) => v.revision);
  const latest = numbers[numbers.length - 1];
  const to = numbers.includes(Number(query.to)) ? Number(query.to) : latest;
  const fromDefault = numbers.filter((n) => n < to).pop() ?? numbers[0];
  const from = numbers.includes(Number(query.from)) ? Number(query.from) : fromDefault;
  const a = versions.find((v) => v.revision === from)!;
  const b = versions.find((v) => v.revision === to)!;
  const titleChanged = a.title !== null && b.title !== null && a.title !== b.title;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link href={`/p/${history.post.id}`}>← Back to “{history.topic.title}”</Link>
      </p>
      <div>
        <h1 className="page-title">Edit history of post #{history.post.postNumber}</h1>
        <p className="mt-1 text-sm text-stone-600">
          {versions.length} {versions.length === 1 ? 'version' : 'versions'}. {history.post.historyPublic ? 'This history is public.' : 'Only the author and staff can see this history.'}
        </p>
      </div>

      {history.canPublish ? (
        <form action={postCommandAction} className="card flex flex-wrap items-center justify-between gap-3">
          <input type="hidden" name="postId" value={history.post.id} />
          <p className="text-sm text-stone-700">
            {history.post.historyPublic ? 'Everyone who can read the post can see its history.' : 'Publish the history so everyone who can read the post can see it.'}
          </p>
          <button type="submit" name="command" value={history.post.historyPublic ? 'unpublish-history' : 'publish-history'} className="btn-secondary">
            {history.post.historyPublic ? 'Make history private' : 'Publish history'}
          </button>
        </form>
      ) : null}

      <section aria-labelledby="compare-heading" className="space-y-3">
        <h2 id="compare-heading" className="text-lg font-semibold">
          Compare versions
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <VersionSelect name="from" label="From" numbers={numbers} value={from} />
          <VersionSelect name="to" label="To" numbers={numbers} value={to} />
          <button type="submit" className="btn-secondary">
            Compare
          </button>
        </form>
        <p className="text-sm text-stone-600">
          Showing the changes from version {from} to version {to}:{' '}
          <del className="bg-red-100 px-1 text-red-900">removed</del> <ins className="bg-green-100 px-1 text-green-900 no-underline">added</ins>
        </p>
        {titleChanged ? <Diff parts={wordDiff(a.title ?? '', b.title ?? '')} label="Title changes" /> : null}
        <Diff parts={wordDiff(a.body, b.body)} label={`Changes from version ${from} to version ${to}`} />
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-2 text-lg font-semibold">
          All versions
        </h2>
        <ol className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
          {versions.map((v) => (
            <li key={v.revision} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 text-sm">
              <span className="font-semibold">Version {v.revision}</span>
              <span className="text-stone-600">
                {v.revision === 1 ? 'written' : 'edited'} by {v.editor ? `@${v.editor}` : 'an anonymous member'} <RelativeTime date={v.createdAt} />
              </span>
              {v.reason ? <span className="text-stone-600">— “{v.reason}”</span> : null}
              {v.hidden ? <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs">hidden from members</span> : null}
              {history.canHide ? (
                <form action={postCommandAction} className="ml-auto">
                  <input type="hidden" name="postId" value={history.post.id} />
                  <input type="hidden" name="revision" value={v.revision} />
                  <button type="submit" name="command" value={v.hidden ? 'show-revision' : 'hide-revision'} className="text-sm text-brand-700 underline">
                    {v.hidden ? 'Show this version' : 'Hide this version'}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
