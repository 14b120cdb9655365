import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { USERNAME_PATTERN } from '@/lib/auth/accounts';
import { renderMarkdown } from '@/lib/markdown';

const MENTION = /(^|[^\w@/`])@([a-zA-Z0-9][a-zA-Z0-9_.-]{2,19})/g;

/** Usernames written as @name in Markdown, outside code. */
export function mentionedUsernames(body: string): string[] {
  const withoutCode = body.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
  const names = new Set<string>();
  for (const m of withoutCode.matchAll(MENTION)) {
    const name = m[2].replace(/[.-]+$/, '');
    if (USERNAME_PATTERN.test(name)) names.add(name.toLowerCase());
  }
  return [...names];
}

/** Ids of posts quoted in the body: blockquotes that link back with /p/ID. */
export function quotedPostIds(body: string): number[] {
  const ids = new Set<number>();
  for (const line of body.split('\n')) {
    if (!line.startsWith('>')) continue;
    for (const m of line.matchAll(/\(\/p\/(\d+)\)/g)) ids.add(Number(m[1]));
  }
  return [...ids];
}

/** Members named in a post, by id and exact username (unknown names are ignored). */
export async function resolveMentions(body: string): Promise<{ id: string; username: string }[]> {
  const names = mentionedUsernames(body);
  if (!names.length) return [];
  return getDb()
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, names));
}

/** Renders a post: the safe Markdown renderer, with @mentions of real members linked to their profiles. */
export function renderPost(body: string, mentions: { username: string }[]): string {
  const known = new Map(mentions.map((m) => [m.username.toLowerCase(), m.username]));
  const linked = known.size
    ? body
        .split(/(```[\s\S]*?```|`[^`\n]*`)/g)
        .map((part, i) =>
          i % 2 === 1
            ? part
            : part.replace(MENTION, (all, before: string, name: string) => {
                const username = known.get(name.toLowerCase());
                return username ? `${before}[@${username}](/u/${username})` : all;
              }),
        )
        .join('')
    : body;
  return renderMarkdown(linked);
}
