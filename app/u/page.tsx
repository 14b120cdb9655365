import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { Pagination } from '@/components/pagination';
import { getViewer } from '@/lib/auth/viewer';
import { Invalid } from '@/lib/errors';
import { DIRECTORY_QUERY_MAX, listDirectory, type DirectoryMember, type DirectoryPage } from '@/lib/members/directory';

export const metadata: Metadata = { title: 'Members' };

type Params = Record<'q' | 'page', string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function directoryHref(q: string, page = 1): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/u?${query}` : '/u';
}

const roleLabels = { admin: 'Admin', moderator: 'Moderator' } as const;
const joinedFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export default async function MembersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const typed = first(params.q) ?? '';
  const viewer = await getViewer();
  let result: DirectoryPage | null = null;
  let error: string | undefined;
  try {
    result = await listDirectory(viewer, { q: typed, page: first(params.page) });
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    error = e.fields.q;
  }

  if (result?.notice === 'members-only') {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="page-title">Members</h1>
        <div className="card space-y-3">
          <p className="text-stone-700">This community is open to members only. Sign in to see who is here.</p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(directoryHref(typed))}`} className="btn-primary">
            Sign in
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">Members</h1>
        <p className="mt-1 text-sm text-stone-600">Newest first. Members who keep their profile private are listed for staff only.</p>
      </div>
      <Form key={typed} action="/u" role="search" aria-label="Search members" className="card">
        <label htmlFor="members-q" className="label">
          Name or username
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="members-q"
            name="q"
            type="search"
            className="input"
            defaultValue={typed}
            maxLength={DIRECTORY_QUERY_MAX}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'members-q-error' : undefined}
          />
          <button type="submit" className="btn-primary shrink-0">
            Search
          </button>
        </div>
        {error ? (
          <p id="members-q-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </Form>

      {result ? <Results result={result} /> : null}
    </div>
  );
}

function Results({ result }: { result: DirectoryPage }) {
  const { query, members, total, page, pageCount } = result;
  return (
    <section aria-labelledby="members-heading" className="space-y-3">
      <h2 id="members-heading" className="text-lg font-semibold">
        {query ? `Members matching “${query}”` : 'All members'}
      </h2>
      {members.length === 0 ? (
        <div role="status" className="card space-y-2 text-stone-700">
          {query ? (
            <>
              <p>No members match “{query}”.</p>
              <Link href="/u">See every member</Link>
            </>
          ) : (
            <p>There are no members to show yet.</p>
          )}
        </div>
      ) : (
        <>
          <p role="status" className="text-sm text-stone-600">
            {total === 1 ? '1 member' : `${total} members`}
          </p>
          <ul aria-label="Members" className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white">
            {members.map((m) => (
              <MemberItem key={m.username} member={m} />
            ))}
          </ul>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} href={(p) => directoryHref(query, p)} />
    </section>
  );
}

function MemberItem({ member }: { member: DirectoryMember }) {
  return (
    <li className="flex items-start gap-3 px-4 py-3">
      {member.avatarUrl ? (
        // The name is right beside the picture, so the picture itself says nothing more to a screen reader.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={member.avatarUrl} alt="" width={40} height={40} loading="lazy" className="size-10 shrink-0 rounded-full border border-stone-200 object-cover" />
      ) : (
        <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-800" aria-hidden="true">
          {member.name.slice(0, 1).toUpperCase()}
        </span>
      )}
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2">
          <Link href={`/u/${encodeURIComponent(member.username)}`} className="break-words font-semibold text-stone-900">
            {member.name}
          </Link>
          <span className="break-words text-sm text-stone-500">@{member.username}</span>
          {member.staffRole ? (
            <span className="rounded bg-violet-100 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-violet-800">{roleLabels[member.staffRole]}</span>
          ) : null}
          {member.private ? <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs font-medium text-stone-700">Private profile</span> : null}
        </p>
        <p className="mt-0.5 flex flex-wrap gap-x-3 text-sm text-stone-600">
          <span>
            Joined <time dateTime={member.joinedAt.toISOString()}>{joinedFormat.format(member.joinedAt)}</time>
          </span>
          {member.location ? <span className="break-words">{member.location}</span> : null}
          {member.email ? (
            <a href={`mailto:${member.email}`} className="break-all">
              {member.email}
            </a>
          ) : null}
        </p>
      </div>
    </li>
  );
}
