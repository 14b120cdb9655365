import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMail, queueMail } from '@/lib/mail/outbox';
import { templates } from '@/lib/mail/templates';
import { startJobs, stopJobs } from '@/lib/jobs';
import { outboxRow } from './helpers';
import { useTestDatabase } from './db';

// pg-boss keeps its own tables in the pgboss schema, which TRUNCATE between tests would not touch anyway;
// this file checks one flow, so the tables are left as they are.
useTestDatabase({ reset: false });

const savedSmtpUrl = process.env.SMTP_URL;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  await startJobs({ pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await stopJobs();
  if (savedSmtpUrl !== undefined) process.env.SMTP_URL = savedSmtpUrl;
});

/** Polls the outbox row until it leaves 'queued', for at most `seconds`. */
async function statusAfterDelivery(id: number, seconds = 15): Promise<string | undefined> {
  const until = Date.now() + seconds * 1000;
  let status: string | undefined;
  while (Date.now() < until) {
    status = (await outboxRow(id))?.status;
    if (status !== 'queued') return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return status;
}

describe('job runner', () => {
  it('delivers a queued mail without anyone calling deliverMail', async () => {
    const id = await queueMail(
      { email: 'ada@example.com' },
      'password-changed',
      templates.passwordChanged({ siteName: 'Hearth', name: 'Ada', resetLink: 'http://localhost:3000/forgot-password' }),
    );
    expect(await statusAfterDelivery(id)).toBe('stored');
    const mail = await outboxRow(id);
    expect(mail!.deliveredAt).not.toBeNull();
    expect(mail!.subject).toBe('Your Hearth password was changed');
    // The worker already handled it; a second delivery finds nothing to do.
    expect(await deliverMail(id)).toBe('skipped');
  });

  it('keeps delivering mails queued one after another', async () => {
    const ids: number[] = [];
    for (const name of ['Grace', 'Edsger', 'Barbara']) {
      ids.push(
        await queueMail(
          { email: `${name.toLowerCase()}@example.com` },
          'password-changed',
          templates.passwordChanged({ siteName: 'Hearth', name, resetLink: 'http://localhost:3000/forgot-password' }),
        ),
      );
    }
    for (const id of ids) expect(await statusAfterDelivery(id)).toBe('stored');
  });
});
