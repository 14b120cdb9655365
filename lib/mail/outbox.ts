import 'server-only';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { getDb } from '@/db/client';
import { mailOutbox } from '@/db/schema';
import { enqueue } from '@/lib/jobs';
import { Forbidden } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';
import type { MailContent } from './templates';

export const MAX_ATTEMPTS = 5;

export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/**
 * The one mail path: the message is written to the outbox first (so nothing is lost when SMTP is
 * slow or down), then a job delivers it. Without SMTP_URL it stays in the outbox for admins to read.
 */
export async function queueMail(
  to: { email: string; userId?: string | null },
  template: string,
  content: MailContent,
): Promise<number> {
  const [row] = await getDb()
    .insert(mailOutbox)
    .values({
      toAddress: to.email,
      userId: to.userId ?? null,
      template,
      subject: content.subject,
      textBody: content.text,
    })
    .returning({ id: mailOutbox.id });
  await enqueue('mail.deliver', { id: row.id });
  return row.id;
}

/** Delivers one queued mail. Throws on an SMTP failure so the job is retried. */
export async function deliverMail(id: number): Promise<'sent' | 'stored' | 'skipped'> {
  const db = getDb();
  // Claim the mail first: whoever else holds a job for it finds nothing to do.
  const [mail] = await db
    .update(mailOutbox)
    .set({ lockedUntil: sql`now() + interval '5 minutes'` })
    .where(
      and(
        eq(mailOutbox.id, id),
        eq(mailOutbox.status, 'queued'),
        or(isNull(mailOutbox.lockedUntil), lt(mailOutbox.lockedUntil, sql`now()`)),
      ),
    )
    .returning();
  if (!mail) return 'skipped';
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    await db.update(mailOutbox).set({ status: 'stored', deliveredAt: new Date(), lockedUntil: null }).where(eq(mailOutbox.id, id));
    return 'stored';
  }
  try {
    const transport = nodemailer.createTransport(smtpUrl);
    await transport.sendMail({
      from: process.env.MAIL_FROM || 'Hearth <no-reply@localhost>',
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
    });
    await db
      .update(mailOutbox)
      .set({ status: 'sent', deliveredAt: new Date(), attempts: mail.attempts + 1, lastError: null, lockedUntil: null })
      .where(eq(mailOutbox.id, id));
    return 'sent';
  } catch (e) {
    const attempts = mail.attempts + 1;
    await db
      .update(mailOutbox)
      .set({
        attempts,
        lastError: String((e as Error).message).slice(0, 500),
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
        lockedUntil: null,
      })
      .where(eq(mailOutbox.id, id));
    throw e;
  }
}

/** Re-queues mails that are still waiting (for example written while the job runner was down). */
export async function requeueWaitingMail(): Promise<number> {
  const rows = await getDb()
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), lt(mailOutbox.createdAt, sql`now() - interval '2 minutes'`)))
    .limit(500);
  for (const r of rows) await enqueue('mail.deliver', { id: r.id });
  return rows.length;
}

export interface OutboxPage {
  rows: { id: number; toAddress: string; subject: string; template: string; status: string; createdAt: Date; attempts: number }[];
  total: number;
}

export async function listOutbox(viewer: Actor, page: number, perPage = 30): Promise<OutboxPage> {
  if (!can(viewer, 'admin.outbox.read')) throw new Forbidden();
  const db = getDb();
  const rows = await db
    .select({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      template: mailOutbox.template,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
      attempts: mailOutbox.attempts,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
  return { rows, total: n };
}

export async function getOutboxMail(viewer: Actor, id: number) {
  if (!can(viewer, 'admin.outbox.read')) throw new Forbidden();
  const [mail] = await getDb()
    .select({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      textBody: mailOutbox.textBody,
      template: mailOutbox.template,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      deliveredAt: mailOutbox.deliveredAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.id, id));
  return mail ?? null;
}

/** Mails to one address, newest first (tests and the admin outbox filter use it). */
export async function mailsTo(email: string) {
  return getDb()
    .select({ id: mailOutbox.id, subject: mailOutbox.subject, textBody: mailOutbox.textBody, template: mailOutbox.template })
    .from(mailOutbox)
    .where(sql`lower(${mailOutbox.toAddress}) = lower(${email})`)
    .orderBy(desc(mailOutbox.id));
}

