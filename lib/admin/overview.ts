import 'server-only';
import { sql } from 'drizzle-orm';
import { database, getDb } from '@/db/client';
import { mailOutbox, users } from '@/db/schema';
import { smtpConfigured } from '@/lib/mail/outbox';
import { can, type Actor } from '@/lib/permissions';
import { Forbidden } from '@/lib/errors';

export async function adminOverview(viewer: Actor) {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
  const db = getDb();
  const [counts] = await db
    .select({
      members: sql<number>`count(*)::int`,
      verified: sql<number>`count(${users.emailVerifiedAt})::int`,
    })
    .from(users);
  const [mail] = await db
    .select({
      queued: sql<number>`count(*) filter (where ${mailOutbox.status} = 'queued')::int`,
      failed: sql<number>`count(*) filter (where ${mailOutbox.status} = 'failed')::int`,
    })
    .from(mailOutbox);
  return {
    ...counts,
    ...mail,
    database: database().kind,
    services: [
      { name: 'Mail (SMTP)', configured: smtpConfigured(), howTo: 'Set SMTP_URL, e.g. smtps://user:pass@mail.example.com:465. Until then mail is kept in the outbox.' },
      { name: 'Akismet spam checks', configured: Boolean(process.env.AKISMET_KEY), howTo: 'Set AKISMET_KEY and AKISMET_SITE.' },
      { name: 'Stripe billing', configured: Boolean(process.env.STRIPE_SECRET_KEY), howTo: 'Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.' },
    ],
  };
}
