export type PostState = 'visible' | 'hidden' | 'deleted' | 'erased';

/** The one rule for what a post is: erased posts keep no versions, deleted ones a tombstone, hidden ones staff's verdict. */
export function postState(post: { deletedAt: Date | null; revisionCount: number; hiddenAt: Date | null }): PostState {
  if (post.deletedAt) return post.revisionCount === 0 ? 'erased' : 'deleted';
  return post.hiddenAt ? 'hidden' : 'visible';
}
