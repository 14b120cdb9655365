import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { deliverMail, MAX_ATTEMPTS, queueMail } from '@/lib/mail/outbox';
import { templates } from '@/lib/mail/templates';
import { outboxRow } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let server: SMTPServer;
let smtpPort: number;

/** Undoes quoted-printable (long text lines are sent that way) so the body reads as written. */
function decodeQuotedPrintable(s: string): string {
  const bytes = Buffer.from(
    s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
  return bytes.toString('utf8');
}

function parse(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => head.match(new RegExp(`^${name}: (.*)$`, 'mi'))?.[1];
  const encoding = header('Content-Transfer-Encoding');
  return {
    subject: header('Subject'),
    to: header('To'),
    text: encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body,
  };
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (server.server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const savedSmtpUrl = process.env.SMTP_URL;
beforeEach(() => {
  received.length = 0;
  delete process.env.SMTP_URL;
});
afterEach(() => {
  if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtpUrl;
});

const resetMail = () =>
  templates.resetPassword({ siteName: 'Hearth', name: 'Ada Lovelace', link: 'http://localhost:3000/reset-password?token=abc123', minutes: 60 });

describe('mail outbox', () => {
  it('writes every mail to the outbox first, waiting for delivery', async () => {
    const id = await queueMail({ email: 'ada@example.com' }, 'reset-password', resetMail());
    const mail = await outboxRow(id);
    expect(mail).toMatchObject({ toAddress: 'ada@example.com', template: 'reset-password', status: 'queued', attempts: 0 });
    expect(mail!.subject).toBe('Reset your Hearth password');
    expect(mail!.textBody).toContain('http://localhost:3000/reset-password?token=abc123');
  });

  it('keeps the mail in the outbox for admins when no SMTP server is configured', async () => {
    const id = await queueMail({ email: 'ada@example.com' }, 'reset-password', resetMail());
    expect(await deliverMail(id)).toBe('stored');
    const mail = await outboxRow(id);
    expect(mail!.status).toBe('stored');
    expect(mail!.deliveredAt).not.toBeNull();
    expect(received).toHaveLength(0);
    // Delivering again does nothing.
    expect(await deliverMail(id)).toBe('skipped');
  });

  it('sends through the configured SMTP server, once', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    const id = await queueMail({ email: 'ada@example.com' }, 'reset-password', resetMail());
    expect(await deliverMail(id)).toBe('sent');

    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(['ada@example.com']);
    const message = parse(received[0].raw);
    expect(message.to).toContain('ada@example.com');
    expect(message.subject).toBe('Reset your Hearth password');
    expect(message.text).toContain('Hi Ada Lovelace,');
    expect(message.text).toContain('http://localhost:3000/reset-password?token=abc123');
    expect(message.text).toContain('expires in 60 minutes');

    const mail = await outboxRow(id);
    expect(mail).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(mail!.deliveredAt).not.toBeNull();

    expect(await deliverMail(id)).toBe('skipped');
    expect(received).toHaveLength(1);
  });

  it('keeps the mail queued when the SMTP server is down, then gives up after the last attempt', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`;
    const id = await queueMail({ email: 'ada@example.com' }, 'reset-password', resetMail());

    await expect(deliverMail(id)).rejects.toThrow();
    let mail = await outboxRow(id);
    expect(mail).toMatchObject({ status: 'queued', attempts: 1 });
    expect(mail!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(mail!.deliveredAt).toBeNull();
    expect(mail!.textBody).toContain('reset-password?token=abc123');

    for (let attempt = 2; attempt < MAX_ATTEMPTS; attempt++) {
      await expect(deliverMail(id)).rejects.toThrow();
      expect((await outboxRow(id))!.status).toBe('queued');
    }
    await expect(deliverMail(id)).rejects.toThrow();
    mail = await outboxRow(id);
    expect(mail).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(mail!.lastError).toBeTruthy();

    // A failed mail is not retried again.
    expect(await deliverMail(id)).toBe('skipped');
  });

  it('delivers a mail that failed earlier once the SMTP server is back', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`;
    const id = await queueMail({ email: 'ada@example.com' }, 'reset-password', resetMail());
    await expect(deliverMail(id)).rejects.toThrow();

    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    expect(await deliverMail(id)).toBe('sent');
    expect(received.map((r) => r.to)).toEqual([['ada@example.com']]);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('sends a mail once when two workers pick it up at the same moment', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    const id = await queueMail({ email: 'ada@example.com' }, 'reset-password', resetMail());
    const outcomes = await Promise.all([deliverMail(id), deliverMail(id), deliverMail(id)]);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('skips an id that is not in the outbox', async () => {
    expect(await deliverMail(987654)).toBe('skipped');
  });
});
