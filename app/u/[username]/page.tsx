import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { Pagination, pageParam } from '@/components/pagination';
import { RelativeTime } from '@/components/relative-time';
import { getViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { listBlocked } from '@/lib/members/blocks';
import { getPublicProfile, listMemberPosts, type MemberPost, type PublicProfile } from '@/lib/members/public-profile';
import { messageOffer } from '@/lib/messages';
import { blockFromProfileAction, unblockAction } from '@/app/messages/actions';

type Params = Promise<{ username: string }>;

function usernameParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    notFound();
  }
}

const loadProfile = cache(async (username: string) => {
  try {
    return await getPublicProfile(await getViewer(), username);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const profile = await loadProfile(usernameParam((await params).username));
  return { title: `${profile.name} (@${profile.username})` };
}

const roleLabels = { admin: 'Admin', moderator: 'Moderator' } as const;

const joinedFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export default async function MemberProfilePage({ params, searchParams }: { params: Params; searchParams: Promise<{ page?: string; blocked?: string }> }) {
  const username = usernameParam((await params).username);
  const search = await searchParams;
  const page = pageParam(search.page);
  const profile = await loadProfile(username);
  // One address per member: /u/Ada and /u/ADA lead to /u/ada.
  if (profile.username !== username) redirect(`/u/${encodeURIComponent(profile.username)}${page > 1 ? `?page=${page}` : ''}`);
  const viewer = await getViewer();
  const posts = await listMemberPosts(viewer, profile.username, page);
  // Messaging and blocking, for a signed-in member looking at someone else.
  const other = viewer && !profile.isSelf;
  const offer = other ? await messageOffer(viewer, profile.username) : null;
  const blocked = other ? (await listBlocked(viewer)).find((b) => b.username === profile.username) : undefined;

  return (
    <div className="space-y-6">
      <section className="card" aria-labelledby="profile-name">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <Avatar profile={profile} />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h1 id="profile-name" className="page-title break-words">
                {profile.name}
              </h1>
              {profile.staffRole ? (
                <span className="rounded bg-violet-100 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-violet-800">
                  {roleLabels[profile.staffRole]}
                </span>
              ) : null}
            </div>
            <p className="break-words text-stone-600">
              @{profile.username}
              {profile.online ? (
                <span className="ml-2 inline-flex items-center gap-1 text-sm text-green-800">
                  <span className="inline-block size-2 rounded-full bg-green-600" aria-hidden="true" />
                  Online
                </span>
              ) : null}
            </p>
            {profile.restricted ? (
              <p className="mt-3 text-stone-700">
                {profile.restricted === 'members' ? (
                  <>
                    @{profile.username} shows their profile to signed-in members only. <Link href={`/signin?callbackUrl=${encodeURIComponent(`/u/${profile.username}`)}`}>Sign in</Link> to see it.
                  </>
                ) : (
                  <>@{profile.username} keeps their profile private.</>
                )}
              </p>
            ) : null}
            {profile.bio ? <p className="mt-3 max-w-prose whitespace-pre-line break-words text-stone-800">{profile.bio}</p> : null}
            {profile.restricted ? null : (
            <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
              {profile.location ? <Fact term="Location">{profile.location}</Fact> : null}
              {profile.website ? (
                <Fact term="Website">
                  <a href={profile.website} rel="nofollow ugc noopener" className="break-all">
                    {profile.website.replace(/^https?:\/\//i, '').replace(/\/$/, '')}
                  </a>
                </Fact>
              ) : null}
              {profile.email ? (
                <Fact term="Email">
                  <a href={`mailto:${profile.email}`} className="break-all">
                    {profile.email}
                  </a>
                </Fact>
              ) : null}
              {profile.birthday ? <Fact term="Birthday">{profile.birthday}</Fact> : null}
              <Fact term="Joined">
                <time dateTime={profile.joinedAt.toISOString()}>{joinedFormat.format(profile.joinedAt)}</time>
              </Fact>
              <Fact term="Trust level">{profile.trustLevel}</Fact>
              <Fact term="Posts">{posts.total}</Fact>
            </dl>
            )}
          </div>
          {profile.isSelf ? (
            <Link href="/settings/profile" className="btn-secondary self-start">
              Edit profile
            </Link>
          ) : null}
          {other ? (
            <div className="flex flex-col gap-2 self-start sm:items-end">
              {offer?.allowed ? (
                <Link href={`/messages/new?to=${encodeURIComponent(profile.username)}`} className="btn-primary">
                  Message
                </Link>
              ) : offer?.reason ? (
                <p className="max-w-60 text-sm text-stone-600">{offer.reason}</p>
              ) : null}
              {blocked ? (
                <form action={unblockAction}>
                  <input type="hidden" name="userId" value={blocked.id} />
                  <input type="hidden" name="back" value={`/u/${encodeURIComponent(profile.username)}`} />
                  <button type="submit" className="btn-secondary">
                    Unblock
                  </button>
                </form>
              ) : profile.staffRole ? null : (
                <form action={blockFromProfileAction}>
                  <input type="hidden" name="username" value={profile.username} />
                  <button type="submit" className="btn-secondary" title="They will not be able to message or mention you, or see when you are online.">
                    Block
                  </button>
                </form>
              )}
            </div>
          ) : null}
        </div>
        {search.blocked && blocked ? (
          <p role="status" className="mt-4 rounded-md border border-stone-200 bg-stone-50 px-3 py-2 text-sm text-stone-700">
            You blocked @{profile.username}: they can no longer message or mention you, or see when you are online. They get no notice, but are told you don’t accept their messages if they try to write to you.
            Manage blocks in <Link href="/settings/privacy">privacy settings</Link>.
          </p>
        ) : null}
      </section>

      {profile.restricted ? null : (
      <section aria-labelledby="posts-heading">
        <h2 id="posts-heading" className="mb-3 text-lg font-semibold">
          Posts
        </h2>
        {posts.posts.length === 0 ? (
          <p className="card text-stone-600">
            {page > 1 ? 'There are no more posts.' : profile.isSelf ? 'You have not posted yet.' : `@${profile.username} has no posts you can see yet.`}
          </p>
        ) : (
          <ul className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white">
            {posts.posts.map((post) => (
              <PostItem key={post.id} post={post} />
            ))}
          </ul>
        )}
        <Pagination page={page} pageCount={posts.pageCount} href={(p) => `/u/${encodeURIComponent(profile.username)}${p > 1 ? `?page=${p}` : ''}`} />
      </section>
      )}
    </div>
  );
}

function Avatar({ profile }: { profile: PublicProfile }) {
  // The name is right beside the picture, so the picture itself says nothing more to a screen reader.
  return profile.avatarUrl ? (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={profile.avatarUrl} alt="" width={80} height={80} className="size-20 shrink-0 rounded-full border border-stone-200 object-cover" />
  ) : (
    <span className="flex size-20 shrink-0 items-center justify-center rounded-full bg-brand-100 text-3xl font-semibold text-brand-800" aria-hidden="true">
      {profile.name.slice(0, 1).toUpperCase()}
    </span>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-stone-500">{term}</dt>
      <dd className="font-medium text-stone-900">{children}</dd>
    </div>
  );
}

function PostItem({ post }: { post: MemberPost }) {
  return (
    <li className="px-4 py-3">
      <h3 className="break-words text-base font-medium">
        <Link href={`/p/${post.id}`} className="text-stone-900">
          {post.topic.title}
        </Link>
      </h3>
      <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-sm text-stone-500">
        <Link href={`/c/${post.category.slug}`} className="inline-flex items-center gap-1 text-stone-600">
          <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: post.category.color }} aria-hidden="true" />
          {post.category.name}
        </Link>
        <span>{post.postNumber === 1 ? 'started the topic' : `reply #${post.postNumber}`}</span>
        <RelativeTime date={post.createdAt} />
      </p>
      {post.excerpt ? <p className="mt-1.5 break-words text-sm leading-relaxed text-stone-700">{post.excerpt}</p> : null}
    </li>
  );
}
