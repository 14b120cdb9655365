import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { listMembers, TRUST_LEVELS } from '@/lib/admin/members';
import { requireAdmin } from '../require-admin';
import { setPrivacyOfficerAction, setRoleAction, setTrustLevelAction } from './actions';
import { MemberSettingForm } from './_components/member-setting-form';

export const metadata: Metadata = { title: 'Members' };

const ROLE_LABELS: Record<string, string> = { member: 'Member', moderator: 'Moderator', admin: 'Admin' };
const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));
const TRUST_OPTIONS = TRUST_LEVELS.map((l) => ({ value: String(l), label: String(l) }));
const OFFICER_OPTIONS = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
];

function membersHref(q: string, page = 1): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `/admin/members?${s}` : '/admin/members';
}

/** Every account, searchable by username, name or email, with its trust level set by hand. */
export default async function AdminMembersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; page?: string }> }) {
  const params = await searchParams;
  const asked = typeof params.q === 'string' ? params.q : '';
  const viewer = await requireAdmin(membersHref(asked.trim(), pageParam(params.page)));
  const list = await listMembers(viewer, { q: asked, page: pageParam(params.page) });
  const q = list.q;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">Members</h1>
        <p className="mt-1 text-sm text-stone-600">
          Trust levels decide what members may do (for example, private messages need the level set in the{' '}
          <Link href="/admin/settings">community settings</Link>). Changes are written to the{' '}
          <Link href="/admin/audit?action=member.trust_level">audit log</Link>. Privacy officers answer{' '}
          <Link href="/admin/data-requests">data requests</Link> alongside admins, and see nothing else of the admin area.
        </p>
      </div>

      {/* Keyed by the search, so going back or clearing shows the words of the list on screen. */}
      <form key={q} method="get" action="/admin/members" className="flex flex-wrap items-end gap-2" role="search" aria-label="Members">
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <label htmlFor="members-q" className="label">
            Search members
          </label>
          <input
            id="members-q"
            name="q"
            type="search"
            className="input mt-1"
            defaultValue={q}
            maxLength={100}
            placeholder="Username, name or email"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="search"
          />
        </div>
        <button type="submit" className="btn-secondary">
          Search
        </button>
        {q ? (
          <Link href="/admin/members" className="btn px-2 text-stone-700">
            Clear
          </Link>
        ) : null}
      </form>

      {list.total === 0 ? (
        <div className="card space-y-1 text-stone-600">
          {q ? (
            <>
              <p className="font-medium text-stone-800">No member matches “{q}”.</p>
              <p>The search looks for these letters anywhere in usernames, names and email addresses.</p>
            </>
          ) : (
            <p className="font-medium text-stone-800">No members yet.</p>
          )}
        </div>
      ) : (
        // Keyed by the search and page, so a row's "Saved" note does not follow the member to another list.
        <div key={`${q}|${list.page}`} className="card overflow-x-auto p-0 sm:p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {list.total} {list.total === 1 ? 'member' : 'members'}
              {q ? ` matching “${q}”` : ''}, by username
            </caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Username
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Email
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Confirmed
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Joined
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
                  Last seen
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
                  Trust level
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
                  Privacy officer
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
                  Account
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100 align-top">
              {list.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="whitespace-nowrap px-4 py-2 font-normal">
                    <Link href={`/u/${encodeURIComponent(m.username)}`}>@{m.username}</Link>
                  </th>
                  <td className="min-w-32 px-4 py-2">{m.name}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-stone-700">{m.email}</td>
                  <td className="min-w-72 px-4 py-2">
                    {m.id === viewer.id ? (
                      <span>{ROLE_LABELS[m.role]} (you)</span>
                    ) : (
                      <MemberSettingForm userId={m.id} username={m.username} name="role" label="Role" value={m.role} options={ROLE_OPTIONS} action={setRoleAction} />
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2">{m.verified ? 'Yes' : <span className="text-amber-800">Not yet</span>}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-stone-600">
                    <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().slice(0, 10)}</time>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-stone-600">
                    {m.lastSeenAt ? <RelativeTime date={m.lastSeenAt} /> : <span className="text-stone-500">never</span>}
                  </td>
                  <td className="min-w-80 px-4 py-2">
                    <MemberSettingForm userId={m.id} username={m.username} name="trustLevel" label="Trust level" value={String(m.trustLevel)} options={TRUST_OPTIONS} action={setTrustLevelAction} />
                  </td>
                  <td className="min-w-80 px-4 py-2">
                    <MemberSettingForm
                      userId={m.id}
                      username={m.username}
                      name="privacyOfficer"
                      label="Privacy officer"
                      value={m.privacyOfficer ? 'yes' : 'no'}
                      options={OFFICER_OPTIONS}
                      action={setPrivacyOfficerAction}
                    />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2">
                    {m.closedAt ? (
                      <span className="text-stone-500">Closed</span>
                    ) : m.id === viewer.id || m.role === 'admin' ? (
                      <span className="text-stone-500">Open</span>
                    ) : (
                      <Link href={`/admin/close-account/${m.id}`} className="text-red-700" aria-label={`Close the account of @${m.username}`}>
                        Close…
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} href={(p) => membersHref(q, p)} />
    </div>
  );
}
