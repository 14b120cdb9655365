import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { posts } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { postState, type PostState } from './post-state';
import { loadVisibleTopic } from './topics';

export { postState, type PostState } from './post-state';

/** A post seen through its topic: NotFound when the viewer may not see the topic (hidden categories never leak). */
export async function loadPostInVisibleTopic(viewer: Actor | null, postId: number) {
  if (!Number.isInteger(postId) || postId <= 0) throw new NotFound();
  const [post] = await getDb()
    .select({
      id: posts.id,
      topicId: posts.topicId,
      userId: posts.userId,
      postNumber: posts.postNumber,
      body: posts.body,
      revisionCount: posts.revisionCount,
      historyPublic: posts.historyPublic,
      deletedAt: posts.deletedAt,
      hiddenAt: posts.hiddenAt,
    })
    .from(posts)
    .where(eq(posts.id, postId));
  if (!post) throw new NotFound();
  const { topic, settings } = await loadVisibleTopic(viewer, post.topicId);
  const own = postState(post);
  // A post in a deleted topic counts as deleted too.
  const state: PostState = own === 'visible' && topic.deletedAt ? 'deleted' : own;
  return { post, topic, settings, state };
}

/** A short plain-text preview of a post's Markdown, for lists (bookmarks, the review queue). */
export function excerpt(markdown: string, max = 240): string {
  // Quotes of other posts are left out, unless the post is nothing but a quote.
  const own = markdown.replace(/^\s*>.*$/gm, ' ');
  const plain = (own.trim() ? own : markdown)
    .replace(/```[\s\S]*?```/g, ' [code] ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[`*_~#>|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
