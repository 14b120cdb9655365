import type { Role } from '@/db/schema';

/** What permission checks need to know about the viewer (null: a visitor who is not signed in). */
export interface Actor {
  id: string;
  role: Role;
  trustLevel: number;
  suspendedUntil: Date | null;
}

export type Action =
  | 'admin.access'
  | 'admin.outbox.read'
  | 'profile.edit'
  | 'category.view'
  | 'topic.create'
  | 'post.reply';

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
export function can(actor: Actor | null, action: Action, subject?: CategorySubject | { ownerId: string }): boolean {
  switch (action) {
    case 'admin.access':
    case 'admin.outbox.read':
      return actor?.role === 'admin';
    case 'profile.edit':
      return (
        actor !== null &&
        !isSuspended(actor) &&
        subject !== undefined &&
        'ownerId' in subject &&
        (subject.ownerId === actor.id || actor.role === 'admin')
      );
    case 'category.view':
      return subject !== undefined && 'visibility' in subject && canSeeCategory(actor, subject);
    case 'topic.create':
    case 'post.reply':
      return (
        actor !== null &&
        !isSuspended(actor) &&
        (subject === undefined || ('visibility' in subject && canSeeCategory(actor, subject)))
      );
  }
}
