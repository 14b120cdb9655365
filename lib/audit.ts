import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import { Forbidden } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';
import { pageWindow } from '@/lib/pagination';

/** What staff can do that is written down. */
export type AuditAction =
  | 'conversation.admin_view'
  | 'flags.decide'
  | 'topic.moderate'
  | 'settings.update'
  | 'member.trust_level'
  | 'member.role'
  | 'member.privacy_officer'
  | 'member.close'
  | 'data_request.approve'
  | 'data_request.reject'
  | 'data_request.comment'
  | 'data_request.complete'
  | 'announcement.send'
  | 'policy.create'
  | 'policy.update'
  | 'policy.version_create'
  | 'policy.version_update'
  | 'policy.version_delete'
  | 'policy.activate';

export type AuditSubject = { type: 'conversation' | 'post' | 'topic' | 'site' | 'member' | 'data_request' | 'policy'; id: string | number };

export interface AuditEntry {
  id: number;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
  createdAt: Date;
}

/**
 * Writes one entry. Entries name accounts by id only (never a name or an email), so what the log
 * keeps about a member who is later erased is an anonymous id.
 */
export async function audit(
  actor: Pick<Actor, 'id'>,
  action: AuditAction,
  subject: AuditSubject,
  reason: string | null = null,
  details: AuditEntry['details'] = {},
  db: Pick<Db, 'insert'> = getDb(),
): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({ actorId: actor.id, action, subjectType: subject.type, subjectId: String(subject.id), reason, details })
    .returning({ id: auditLog.id });
  return row.id;
}

export const AUDIT_PER_PAGE = 50;

/** The log for admins, newest first, optionally one action only. */
export async function listAudit(viewer: Actor, page = 1, action?: string) {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const db = getDb();
  const where = action ? eq(auditLog.action, action) : undefined;
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  const window = pageWindow(total, page, AUDIT_PER_PAGE);
  const rows = await db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      actorUsername: sql<string | null>`(select username from users where users.id = ${auditLog.actorId})`,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      reason: auditLog.reason,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PER_PAGE)
    .offset(window.offset);
  return { entries: rows, page: window.page, pageCount: window.pageCount, total };
}

/** Entries about one subject (for example every administrator access to one conversation). */
export async function auditFor(subject: AuditSubject, action: AuditAction): Promise<AuditEntry[]> {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subject.type), eq(auditLog.subjectId, String(subject.id)), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id));
}
