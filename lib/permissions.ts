import type { Role } from '@/db/schema';

/** What permission checks need to know about the viewer (null: a visitor who is not signed in). */
export interface Actor {
  id: string;
  role: Role;
  trustLevel: number;
  suspendedUntil: Date | null;
  /** Works the data-request queue (admins do anyway). */
  privacyOfficer?: boolean;
}

export type Action =
  | 'admin.access'
  | 'admin.outbox.read'
  | 'profile.edit'
  | 'category.view'
  | 'topic.create'
  | 'topic.moderate'
  | 'post.reply'
  | 'post.edit'
  | 'post.delete'
  | 'post.restore'
  | 'post.history'
  | 'post.history.publish'
  | 'revision.hide'
  | 'review.handle'
  | 'post.like'
  | 'post.likers'
  | 'post.bookmark'
  | 'post.flag'
  | 'data_requests.handle';

/** A post as permission checks see it. */
export interface PostSubject {
  ownerId: string | null;
  historyPublic?: boolean;
}

export interface CategorySubject {
  visibility: 'everyone' | 'members' | 'trust' | 'staff';
  minTrustLevel: number;
}

export function isStaff(actor: Actor | null): boolean {
  return actor?.role === 'admin' || actor?.role === 'moderator';
}

export function isSuspended(actor: Actor | null, now = new Date()): boolean {
  return Boolean(actor?.suspendedUntil && actor.suspendedUntil > now);
}

function canSeeCategory(actor: Actor | null, c: CategorySubject): boolean {
  switch (c.visibility) {
    case 'everyone':
      return true;
    case 'members':
      return actor !== null;
    case 'trust':
      return actor !== null && (isStaff(actor) || actor.trustLevel >= c.minTrustLevel);
    case 'staff':
      return isStaff(actor);
  }
}

/** The one place that decides who may do what. */
export function can(actor: Actor | null, action: Action, subject?: CategorySubject | PostSubject): boolean {
  const owns = actor !== null && subject !== undefined && 'ownerId' in subject && subject.ownerId === actor.id;
  switch (action) {
    case 'admin.access':
    case 'admin.outbox.read':
      return actor?.role === 'admin';
    case 'profile.edit':
      return (
        actor !== null &&
        !isSuspended(actor) &&
        (owns || (subject !== undefined && 'ownerId' in subject && actor.role === 'admin'))
      );
    case 'category.view':
      return subject !== undefined && 'visibility' in subject && canSeeCategory(actor, subject);
    case 'topic.moderate':
    case 'post.restore':
    case 'review.handle':
      return isStaff(actor) && !isSuspended(actor);
    case 'post.edit':
    case 'post.delete':
      return actor !== null && !isSuspended(actor) && (owns || isStaff(actor));
    case 'post.history':
      return owns || isStaff(actor) || Boolean(subject && 'ownerId' in subject && subject.historyPublic);
    case 'post.history.publish':
    case 'revision.hide':
      return actor?.role === 'admin';
    // Liking or reporting your own post means nothing.
    case 'post.like':
    case 'post.flag':
      return actor !== null && !isSuspended(actor) && !owns;
    case 'post.likers':
    case 'post.bookmark':
      return actor !== null;
    case 'data_requests.handle':
      return actor !== null && !isSuspended(actor) && (actor.role === 'admin' || actor.privacyOfficer === true);
    case 'topic.create':
    case 'post.reply':
      return (
        actor !== null &&
        !isSuspended(actor) &&
        (subject === undefined || ('visibility' in subject && canSeeCategory(actor, subject)))
      );
  }
}
