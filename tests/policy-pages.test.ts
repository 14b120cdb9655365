import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { policies, policyVersions } from '@/db/schema';
import { seed } from '@/db/seed';
import { NotFound } from '@/lib/errors';
import { getActivePolicy, getPolicyVersion, invalidateActivePolicies } from '@/lib/policies';
import { defaultPolicies } from '@/lib/policies/defaults';
import { loadPolicyFacts, renderPolicyBody, unknownPolicyTokens } from '@/lib/policies/facts';
import { cookieRegistry } from '@/lib/privacy/cookies';
import { updateSettings } from '@/lib/settings';
import { useTestDatabase } from './db';

useTestDatabase();

const serviceVars = ['AKISMET_KEY', 'STRIPE_SECRET_KEY', 'SMTP_URL'] as const;
const saved = Object.fromEntries(serviceVars.map((k) => [k, process.env[k]]));

beforeEach(async () => {
  for (const k of serviceVars) delete process.env[k];
  await seed();
});

afterEach(() => {
  for (const k of serviceVars) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** The page's text without tags, as a reader sees it. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Every table row of the HTML, as text. */
function rows(html: string): string[] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => text(m[1]).trim());
}

async function renderActive(slug: string, env: Parameters<typeof loadPolicyFacts>[0] = {}): Promise<string> {
  const policy = await getActivePolicy(slug);
  return renderPolicyBody(policy.body, await loadPolicyFacts(env));
}

describe('retention periods come from the current settings', () => {
  it('shows the IP retention setting, and a change shows at once', async () => {
    const ipRows = (html: string) => rows(html).filter((r) => /IP address/.test(r));

    const before = await renderActive('privacy');
    expect(ipRows(before).length).toBeGreaterThan(0);
    for (const row of ipRows(before)) expect(row).toContain('30 days');

    await updateSettings({ ipRetentionDays: 14 });
    const after = await renderActive('privacy');
    expect(text(after)).toContain('14 days');
    expect(ipRows(after).length).toBe(ipRows(before).length);
    for (const row of ipRows(after)) {
      expect(row).toContain('14 days');
      expect(row).not.toContain('30 days');
    }
  });

  it('follows the other retention settings, and says accounts are kept until closed unless inactivity closes them', async () => {
    const kept = rows(await renderActive('privacy'));
    expect(kept.find((r) => r.startsWith('Your account and what you post'))).toContain('until you close your account; accounts are not closed for being inactive');

    await updateSettings({ outboxRetentionDays: 9, unverifiedAccountDays: 3, exportExpiryDays: 2, usernameQuarantineDays: 45, inactiveAccountYears: 3, inactiveAccountMode: 'erase' });
    const changed = rows(await renderActive('privacy'));
    expect(changed.find((r) => r.startsWith('Copies of the mail the site sends you'))).toContain('9 days');
    expect(changed.find((r) => r.startsWith('Sign-ups never confirmed by email'))).toContain('after 3 days');
    expect(changed.find((r) => r.startsWith('Copies of your data you asked to download'))).toContain('2 days after');
    expect(changed.find((r) => r.startsWith('Usernames of closed accounts'))).toContain('45 days');
    const account = changed.find((r) => r.startsWith('Your account and what you post'))!;
    expect(account).toContain('3 years after your last visit');
    expect(account).toContain('it is erased');
    // The data map's own words for a column whose period no setting decides.
    expect(changed.find((r) => r.startsWith('Limits on sign-in'))).toContain('1 day');
  });
});

describe('outside services', () => {
  it('lists none, in a sentence, when none is configured, and says where the data is stored', async () => {
    const page = text(await renderActive('privacy'));
    expect(page).toContain('No outside service receives personal data from this site');
    expect(page).not.toMatch(/Akismet|Stripe|Mail delivery/);
    expect(page).toContain('stored in the European Union');
  });

  it('shows the SMTP host only when SMTP_URL is set, and never its user name or password', async () => {
    process.env.SMTP_URL = 'smtps://mailer-account:Sup3r-Secret-Pw@smtp.example.net:465';
    const html = await renderActive('privacy', process.env);
    expect(text(html)).toContain('Mail delivery: the mail server smtp.example.net.');
    expect(html).not.toContain('Sup3r-Secret-Pw');
    expect(html).not.toContain('mailer-account');
    expect(text(html)).not.toContain('No outside service receives personal data');

    delete process.env.SMTP_URL;
    expect(text(await renderActive('privacy', process.env))).not.toContain('smtp.example.net');
  });

  it('reads the services from the environment by default', async () => {
    process.env.SMTP_URL = 'smtp://relay.example.org:25';
    const policy = await getActivePolicy('privacy');
    expect(text(renderPolicyBody(policy.body, await loadPolicyFacts()))).toContain('relay.example.org');
  });

  it('lists Akismet, with what it is sent, only with AKISMET_KEY, and Stripe only with STRIPE_SECRET_KEY', async () => {
    const akismet = text(await renderActive('privacy', { AKISMET_KEY: 'test-key' }));
    expect(akismet).toContain('Akismet');
    for (const sent of ['the text of each new post', 'name and email address', 'IP address the post was sent from', 'user agent']) expect(akismet).toContain(sent);
    expect(akismet).not.toContain('Stripe');

    const stripe = text(await renderActive('privacy', { STRIPE_SECRET_KEY: 'sk_test_123' }));
    expect(stripe).toContain('Payments: Stripe.');
    expect(stripe).not.toContain('Akismet');
    expect(stripe).not.toContain('sk_test_123');
  });
});

describe('cookies', () => {
  it('the cookie table lists exactly the cookies in the registry', async () => {
    for (const secure of [false, true]) {
      const facts = { ...(await loadPolicyFacts({})), secureCookies: secure };
      const html = renderPolicyBody('{{cookie-table}}', facts);
      const listed = [...html.matchAll(/<tr>\s*<td><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]);
      expect(listed).toEqual(cookieRegistry(secure).map((c) => c.name));
      expect(text(html)).toContain('No analytics cookies are in use.');
    }
  });

  it('groups the cookies by who receives them, each cookie once', async () => {
    const facts = await loadPolicyFacts({});
    const html = renderPolicyBody('{{cookies-by-audience}}', facts);
    for (const heading of ['Every visitor', 'Visitors who use a form', 'Signed-in members']) expect(text(html)).toContain(heading);
    const listed = [...html.matchAll(/<td><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(cookieRegistry(facts.secureCookies).map((c) => c.name).sort());
    const session = rows(html).find((r) => r.includes('session-token'));
    expect(session).toContain('Yes: always set');
  });
});

describe('contact, age rules and data categories', () => {
  it('names the privacy officer when the setting is set, and the data requests page when it is empty', async () => {
    const without = await renderActive('privacy');
    expect(without).toContain('href="/settings/data"');
    expect(text(without)).toContain('the site’s administrators via the data requests page');

    await updateSettings({ privacyOfficerEmail: 'dpo@example.org' });
    const html = await renderActive('privacy');
    expect(html).toContain('href="mailto:dpo@example.org"');
    expect(text(html)).toContain('the privacy officer at dpo@example.org');
  });

  it('states the age rules from the settings', async () => {
    await updateSettings({ minimumAge: 14, digitalConsentAge: 18 });
    const page = text(await renderActive('terms'));
    expect(page).toContain('You must be at least 14 years old to join.');
    expect(page).toContain('Members under 18, the age of digital consent here, need a parent or guardian to agree');

    await updateSettings({ minimumAge: 16, digitalConsentAge: 16 });
    expect(text(await renderActive('terms'))).toContain('No parent or guardian consent is needed');
  });

  it('groups the data by category with a lawful basis, and says what is kept after erasure and why', async () => {
    const page = text(await renderActive('privacy'));
    for (const category of ['Identity', 'Contact', 'Content', 'Activity', 'Technical']) expect(page).toContain(category);
    expect(page).toContain('Marketing email: whether you want mail about the community (lawful basis: consent)');
    expect(page).toContain('legitimate interests: keeping the site and your account secure');
    expect(page).toContain('Proof of what you agreed to (lawful basis: legal obligation)');
    // The data map's reason for keeping a column after erasure.
    expect(page).toContain('Role: reset to member; needed for the anonymous account to exist');
  });
});

describe('tokens and escaping', () => {
  it('leaves an unknown token visible, and a token inside code as written', async () => {
    const facts = await loadPolicyFacts({});
    const html = renderPolicyBody('Kept for {{retension}}.\n\nWrite `{{retention}}` to show the periods.', facts);
    expect(html).toContain('{{retension}}');
    expect(html).toContain('<code>{{retention}}</code>');
    expect(unknownPolicyTokens('{{retension}} {{services}} {{ Services }} {{constructor}}')).toEqual(['retension', 'constructor']);
    expect(renderPolicyBody('{{constructor}}', facts)).toContain('{{constructor}}');
  });

  it('escapes HTML and Markdown that come from a setting', async () => {
    await updateSettings({ hostingRegion: '<script>alert("x")</script> [a](javascript:alert(1)) **bold**' });
    const html = await renderActive('privacy');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('javascript:alert(1)"');
    expect(html).not.toContain('<strong>bold</strong>');
    expect(text(html)).toContain('stored in <script>alert("x")</script> [a](javascript:alert(1)) **bold**.');
  });

  it('the default texts use only known tokens', () => {
    for (const p of defaultPolicies) expect(unknownPolicyTokens(p.body), p.slug).toEqual([]);
  });
});

describe('earlier versions', () => {
  async function publishSecondVersion(slug: string, body: string) {
    const db = getDb();
    const [policy] = await db.select({ id: policies.id }).from(policies).where(eq(policies.slug, slug));
    await db.transaction(async (tx) => {
      await tx.update(policyVersions).set({ status: 'archived' }).where(and(eq(policyVersions.policyId, policy.id), eq(policyVersions.version, 1)));
      await tx.insert(policyVersions).values({ policyId: policy.id, version: 2, status: 'active', summary: 'Shorter.', body, effectiveAt: new Date('2031-05-01T00:00:00Z') });
      await tx.insert(policyVersions).values({ policyId: policy.id, version: 3, status: 'draft', summary: 'Not yet.', body: 'Draft text.' });
    });
    invalidateActivePolicies();
  }

  it('shows an earlier version with what was removed and added since, line by line', async () => {
    const v1 = (await getActivePolicy('terms')).body;
    const v2 = v1
      .replace('## Private messages\n\n', '## Private conversations\n\n')
      .replace('- Do not try to break the site, get around its limits, or get at accounts or data that are not yours.\n', '')
      .concat('\n\n## Contact\n\nWrite to the staff in the Feedback category.');
    await publishSecondVersion('terms', v2);

    const active = await getActivePolicy('terms');
    expect(active.version).toBe(2);
    expect(active.history.map((h) => [h.version, h.status])).toEqual([[2, 'active'], [1, 'archived']]);

    const old = await getPolicyVersion('terms', 1);
    expect(old).toMatchObject({ version: 1, status: 'archived', body: v1, current: { version: 2 } });

    const removed = old.changes.filter((l) => l.kind === 'removed').map((l) => l.parts.map((p) => p.text).join(''));
    const added = old.changes.filter((l) => l.kind === 'added').map((l) => l.parts.map((p) => p.text).join(''));
    expect(removed).toContain('- Do not try to break the site, get around its limits, or get at accounts or data that are not yours.');
    expect(added).toContain('## Contact');
    expect(added).toContain('Write to the staff in the Feedback category.');

    const renamed = old.changes.find((l) => l.kind === 'changed' && l.parts.some((p) => p.kind === 'removed' && p.text.includes('messages')))!;
    expect(renamed.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toContain('conversations');

    // Putting the line parts back together gives each version again.
    const join = (keep: 'added' | 'removed') =>
      old.changes.map((l) => l.parts.filter((p) => p.kind !== keep).map((p) => p.text).join('')).join('\n');
    expect(join('added').replace(/\n+/g, '\n').trim()).toBe(v1.replace(/\n+/g, '\n').trim());
    expect(join('removed').replace(/\n+/g, '\n').trim()).toBe(v2.replace(/\n+/g, '\n').trim());

    const current = await getPolicyVersion('terms', 2);
    expect(current.status).toBe('active');
    expect(current.changes).toEqual([]);
  });

  it('never shows a draft or a version that does not exist', async () => {
    await publishSecondVersion('terms', 'New text.');
    await expect(getPolicyVersion('terms', 3)).rejects.toBeInstanceOf(NotFound);
    await expect(getPolicyVersion('terms', 9)).rejects.toBeInstanceOf(NotFound);
    await expect(getPolicyVersion('nope', 1)).rejects.toBeInstanceOf(NotFound);
  });
});
