import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, consents, policies, policyVersions, users } from '@/db/schema';
import { seed } from '@/db/seed';
import { signUp } from '@/lib/auth/accounts';
import { Forbidden } from '@/lib/errors';
import { listActivePolicies } from '@/lib/policies';
import {
  activateVersion,
  consentReport,
  createDraft,
  createPolicy,
  deleteDraft,
  getPolicyForAdmin,
  listPoliciesForAdmin,
  previewPolicyMarkdown,
  updateDraft,
  updatePolicySettings,
  type DraftInput,
} from '@/lib/policies/admin';
import { acceptPolicies, consentDueForEmail, consentHistory, optionalPoliciesFor, pendingConsents, withdrawPolicy } from '@/lib/policies/consent';
import type { Actor } from '@/lib/permissions';
import { fieldErrors, makeMember, signUpForm } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

let admin: Actor;
let ada: Actor;
let ben: Actor;

beforeEach(async () => {
  await seed();
  const [a] = await getDb().select().from(users).where(eq(users.role, 'admin'));
  admin = { id: a.id, role: a.role, trustLevel: a.trustLevel, suspendedUntil: null };
  ada = await makeMember('ada');
  ben = await makeMember('ben');
});

const draft = (overrides: Partial<DraftInput> = {}): DraftInput => ({
  summary: 'We now keep server logs for 14 days instead of 30.',
  body: '## What we collect\n\nLess than before.',
  effectiveAt: '2030-01-01',
  minorChange: false,
  ...overrides,
});

async function policyId(slug: string): Promise<number> {
  const [p] = await getDb().select({ id: policies.id }).from(policies).where(eq(policies.slug, slug));
  return p.id;
}

async function versionsOf(slug: string) {
  return getDb()
    .select({ id: policyVersions.id, version: policyVersions.version, status: policyVersions.status })
    .from(policyVersions)
    .where(eq(policyVersions.policyId, await policyId(slug)))
    .orderBy(policyVersions.version);
}

/** Drafts and publishes a new version of a policy; returns the new version's id. */
async function publish(slug: string, overrides: Partial<DraftInput> = {}): Promise<number> {
  const { id } = await createDraft(admin, await policyId(slug), draft(overrides));
  await activateVersion(admin, id);
  return id;
}

const pendingSlugs = async (member: Actor) => (await pendingConsents(member.id)).map((p) => p.slug);

describe('publishing a version', () => {
  it('makes a draft the active version and archives the one before, and the site shows it at once', async () => {
    const [v1] = await versionsOf('privacy');
    const { id, version } = await createDraft(admin, await policyId('privacy'), draft());
    expect(version).toBe(2);
    expect(await versionsOf('privacy')).toEqual([
      { id: v1.id, version: 1, status: 'active' },
      { id, version: 2, status: 'draft' },
    ]);
    // A draft is not public.
    expect((await listActivePolicies()).find((p) => p.slug === 'privacy')?.version).toBe(1);

    expect(await activateVersion(admin, id)).toEqual({ policyId: await policyId('privacy'), version: 2, archivedVersionId: v1.id });
    expect(await versionsOf('privacy')).toEqual([
      { id: v1.id, version: 1, status: 'archived' },
      { id, version: 2, status: 'active' },
    ]);
    const shown = (await listActivePolicies()).find((p) => p.slug === 'privacy');
    expect(shown).toMatchObject({ versionId: id, version: 2, summary: 'We now keep server logs for 14 days instead of 30.' });
  });

  it('changes drafts only: published versions stay as members accepted them', async () => {
    const pid = await policyId('terms');
    const { id } = await createDraft(admin, pid, draft());
    await updateDraft(admin, id, draft({ summary: 'Clearer words.', minorChange: true }));
    const [row] = await getDb().select().from(policyVersions).where(eq(policyVersions.id, id));
    expect(row).toMatchObject({ summary: 'Clearer words.', minorChange: true, status: 'draft' });
    expect(row.effectiveAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');

    await activateVersion(admin, id);
    expect(await fieldErrors(updateDraft(admin, id, draft()))).toEqual({ form: expect.stringContaining('already published') });
    expect(await fieldErrors(activateVersion(admin, id))).toEqual({ form: expect.stringContaining('already published') });
    const [v1] = await versionsOf('terms');
    expect(await fieldErrors(deleteDraft(admin, v1.id))).toEqual({ form: expect.stringContaining('archived') });
  });

  it('explains bad input beside each field', async () => {
    const pid = await policyId('terms');
    expect(await fieldErrors(createDraft(admin, pid, { summary: '  ', body: '', effectiveAt: '2030-02-30', minorChange: false }))).toEqual({
      summary: 'Summary is required.',
      body: 'The text is required.',
      effectiveAt: 'Enter a real date as YYYY-MM-DD.',
    });
    expect(
      await fieldErrors(createPolicy(admin, { title: '', slug: 'Bad Slug', type: 'nonsense' as never, audience: 'members', required: false, position: 3 })),
    ).toEqual({
      title: 'Title is required.',
      slug: 'Use lowercase letters, digits and single dashes, like "community-guidelines".',
      type: 'Choose what kind of policy this is.',
    });
    expect(await fieldErrors(createPolicy(admin, { title: 'Another', slug: 'privacy', type: 'privacy', audience: 'everyone', required: true, position: 1 }))).toEqual({
      slug: 'Another policy already uses this slug.',
    });
  });

  it('numbers versions in the order they are published, even when an older draft goes out last', async () => {
    const pid = await policyId('terms');
    const older = await createDraft(admin, pid, draft({ summary: 'Older draft' }));
    const newer = await createDraft(admin, pid, draft({ summary: 'Newer draft' }));
    expect([older.version, newer.version]).toEqual([2, 3]);
    await activateVersion(admin, newer.id);
    expect((await activateVersion(admin, older.id)).version).toBe(4);
    expect((await versionsOf('terms')).map((v) => [v.version, v.status])).toEqual([
      [1, 'archived'],
      [3, 'archived'],
      [4, 'active'],
    ]);
  });

  it('lists every policy with its active version and drafts, and can delete a draft', async () => {
    const pid = await policyId('cookies');
    const { id } = await createDraft(admin, pid, draft());
    const cookies = (await listPoliciesForAdmin(admin)).find((p) => p.slug === 'cookies')!;
    expect(cookies).toMatchObject({ activeVersion: 1, required: true, audience: 'everyone', drafts: [{ id, version: 2 }] });
    await deleteDraft(admin, id);
    expect((await getPolicyForAdmin(admin, pid)).versions.map((v) => v.version)).toEqual([1]);
  });
});

describe('consent at sign-in', () => {
  it('a new version that is not a minor change makes members accept it; a minor change does not', async () => {
    expect(await pendingSlugs(ada)).toEqual([]);
    expect(await consentDueForEmail('ADA@example.com')).toBe(false);

    await publish('privacy', { minorChange: true, summary: 'Typos fixed.' });
    expect(await pendingSlugs(ada)).toEqual([]);

    await publish('privacy', { minorChange: false });
    expect(await pendingSlugs(ada)).toEqual(['privacy']);
    expect(await pendingSlugs(ben)).toEqual(['privacy']);
    expect(await consentDueForEmail('ada@example.com')).toBe(true);

    // A minor change on top of an unaccepted version still needs that version's acceptance.
    const v4 = await publish('privacy', { minorChange: true, summary: 'A heading renamed.' });
    const [pending] = await pendingConsents(ada.id);
    expect(pending).toMatchObject({ slug: 'privacy', versionId: v4, version: 4, previousVersion: 3 });
  });

  it('a minor change keeps an acceptance back to the last version that was not minor', async () => {
    const v2 = await publish('terms');
    await acceptPolicies(ada, [v2]);
    await publish('terms', { minorChange: true });
    await publish('terms', { minorChange: true });
    expect(await pendingSlugs(ada)).toEqual([]);
    expect(await pendingSlugs(ben)).toEqual(['terms']);
  });

  it('accepting clears what is pending, records each version once, and refuses versions that are not active', async () => {
    const [privacyV1] = await versionsOf('privacy');
    const privacyV2 = await publish('privacy');
    const termsV2 = await publish('terms');
    expect(await pendingSlugs(ada)).toEqual(['terms', 'privacy']);

    expect(await fieldErrors(acceptPolicies(ada, [privacyV1.id]))).toEqual({ form: expect.stringContaining('changed while you were reading') });
    expect(await acceptPolicies(ada, [termsV2, privacyV2])).toBe(2);
    expect(await acceptPolicies(ada, [termsV2])).toBe(0);
    expect(await pendingSlugs(ada)).toEqual([]);
    expect(await pendingSlugs(ben)).toEqual(['terms', 'privacy']);
    const adaRows = await getDb().select().from(consents).where(and(eq(consents.userId, ada.id), eq(consents.policyVersionId, termsV2)));
    expect(adaRows).toHaveLength(1);
    expect(await fieldErrors(acceptPolicies(ada, []))).toEqual({ versionIds: 'Choose a policy to accept.' });
  });

  it('does not ask members about policies for visitors, optional ones or closed accounts', async () => {
    const guests = await createPolicy(admin, { title: 'Visitor note', slug: 'visitor-note', type: 'other', audience: 'guests', required: true, position: 9 });
    const { id } = await createDraft(admin, guests, draft());
    await activateVersion(admin, id);
    const optional = await createPolicy(admin, { title: 'Research programme', slug: 'research', type: 'third_party', audience: 'members', required: false, position: 10 });
    await activateVersion(admin, (await createDraft(admin, optional, draft())).id);
    expect(await pendingSlugs(ada)).toEqual([]);

    // Making the optional one required asks for it from then on.
    await updatePolicySettings(admin, optional, { title: 'Research programme', type: 'third_party', audience: 'members', required: true, position: 10 });
    expect(await pendingSlugs(ada)).toEqual(['research']);

    await getDb().update(users).set({ closedAt: new Date() }).where(eq(users.id, ada.id));
    expect(await consentDueForEmail('ada@example.com')).toBe(false);
  });
});

describe('the consent report', () => {
  it('counts who accepted, who has yet to, and who withdrew', async () => {
    // Not counted among those who must accept: an unconfirmed sign-up and a closed account.
    await signUp(await signUpForm({ username: 'unconfirmed', email: 'unconfirmed@example.com', name: 'Un Confirmed' }), { ip: '203.0.113.99' });
    const gone = await makeMember('gone');
    await getDb().update(users).set({ closedAt: new Date() }).where(eq(users.id, gone.id));
    await makeMember('cleo');

    const v2 = await publish('privacy');
    await acceptPolicies(ada, [v2]);
    const report = await consentReport(admin, v2);
    expect(report).toMatchObject({ accepted: 1, withdrawn: 0, coveredByEarlier: 0 });
    // The seeded admin never accepted anything, so is asked too.
    expect(report.notYet?.members.map((m) => m.username)).toEqual(['admin', 'ben', 'cleo']);
    expect(report.notYet).toMatchObject({ total: 3, page: 1, pageCount: 1 });

    // A minor change on top: the earlier acceptance still counts, and the same members are asked.
    const v3 = await publish('privacy', { minorChange: true });
    const minor = await consentReport(admin, v3);
    expect(minor).toMatchObject({ accepted: 0, coveredByEarlier: 1, withdrawn: 0 });
    expect(minor.notYet?.members.map((m) => m.username)).toEqual(['admin', 'ben', 'cleo']);

    // An archived version reports what it got; nobody is asked for it any more.
    const archived = await consentReport(admin, v2);
    expect(archived).toMatchObject({ accepted: 1, withdrawn: 0, notYet: null });
  });

  it('counts withdrawals of an optional policy until the member accepts again', async () => {
    const pid = await createPolicy(admin, { title: 'Research programme', slug: 'research', type: 'third_party', audience: 'members', required: false, position: 10 });
    const { id: v1 } = await createDraft(admin, pid, draft());
    await activateVersion(admin, v1);
    await acceptPolicies(ada, [v1]);
    await acceptPolicies(ben, [v1]);
    await withdrawPolicy(ben, pid);
    expect(await consentReport(admin, v1)).toMatchObject({ accepted: 1, withdrawn: 1 });
    expect((await consentReport(admin, v1)).notYet?.members.map((m) => m.username)).toEqual(['admin', 'ben']);
    await acceptPolicies(ben, [v1]);
    expect(await consentReport(admin, v1)).toMatchObject({ accepted: 2, withdrawn: 0 });
  });
});

describe('optional policies in the member settings', () => {
  it('can be accepted, withdrawn and accepted again, each step in the history; required ones cannot be withdrawn', async () => {
    const pid = await createPolicy(admin, { title: 'Research programme', slug: 'research', type: 'third_party', audience: 'members', required: false, position: 10 });
    const { id: v1 } = await createDraft(admin, pid, draft({ summary: 'Help us study how forums are used.' }));
    await activateVersion(admin, v1);

    // Beside the seeded services policy, which only informs.
    const research = async () => (await optionalPoliciesFor(ada.id)).filter((p) => p.slug !== 'third-parties');
    expect(await research()).toEqual([
      expect.objectContaining({ slug: 'research', version: 1, summary: 'Help us study how forums are used.', acceptedAt: null, outdatedVersion: null }),
    ]);
    await acceptPolicies(ada, [v1]);
    const [accepted] = await research();
    expect(accepted.acceptedAt).toBeInstanceOf(Date);

    expect(await withdrawPolicy(ada, pid)).toBe(1);
    expect((await research())[0].acceptedAt).toBeNull();
    expect(await withdrawPolicy(ada, pid)).toBe(0);
    await acceptPolicies(ada, [v1]);

    const history = await consentHistory(ada.id);
    const researchSteps = history.filter((h) => h.policySlug === 'research');
    expect(researchSteps).toHaveLength(2);
    expect(researchSteps[0]).toMatchObject({ version: 1, withdrawnAt: null });
    expect(researchSteps[1].withdrawnAt).toBeInstanceOf(Date);
    expect(researchSteps[0].givenAt.getTime()).toBeGreaterThanOrEqual(researchSteps[1].givenAt.getTime());
    // The required policies accepted at sign-up are in the history too.
    expect(history.filter((h) => h.policyRequired).map((h) => [h.policySlug, h.version])).toEqual([
      ['terms', 1],
      ['privacy', 1],
      ['cookies', 1],
    ]);

    expect(await fieldErrors(withdrawPolicy(ada, await policyId('privacy')))).toEqual({ form: expect.stringContaining('cannot be withdrawn') });

    // A new version that is not minor no longer counts the earlier acceptance.
    await activateVersion(admin, (await createDraft(admin, pid, draft())).id);
    expect(await research()).toEqual([expect.objectContaining({ version: 2, acceptedAt: null, outdatedVersion: 1 })]);
    expect(await pendingSlugs(ada)).toEqual([]);
  });

  it('shows both versions of a policy the member accepted again, newest first', async () => {
    const v2 = await publish('privacy');
    await acceptPolicies(ada, [v2]);
    const privacy = (await consentHistory(ada.id)).filter((h) => h.policySlug === 'privacy');
    expect(privacy.map((h) => h.version)).toEqual([2, 1]);
  });
});

describe('the audit log and permissions', () => {
  it('records every change by ids only', async () => {
    const pid = await createPolicy(admin, { title: 'Research programme', slug: 'research', type: 'third_party', audience: 'members', required: false, position: 10 });
    await updatePolicySettings(admin, pid, { title: 'Research', type: 'third_party', audience: 'members', required: false, position: 11 });
    const { id } = await createDraft(admin, pid, draft());
    await updateDraft(admin, id, draft({ summary: 'Shorter.' }));
    const { id: spare } = await createDraft(admin, pid, draft());
    await deleteDraft(admin, spare);
    await activateVersion(admin, id);

    const entries = await getDb().select().from(auditLog).orderBy(auditLog.id);
    expect(entries.map((e) => [e.actorId, e.action, e.subjectType, e.subjectId])).toEqual([
      [admin.id, 'policy.create', 'policy', String(pid)],
      [admin.id, 'policy.update', 'policy', String(pid)],
      [admin.id, 'policy.version_create', 'policy', String(pid)],
      [admin.id, 'policy.version_update', 'policy', String(pid)],
      [admin.id, 'policy.version_create', 'policy', String(pid)],
      [admin.id, 'policy.version_delete', 'policy', String(pid)],
      [admin.id, 'policy.activate', 'policy', String(pid)],
    ]);
    expect(entries.at(-1)?.details).toEqual({ versionId: id, version: 1, archivedVersionId: null });
    // Nothing typed into a policy ends up in the log.
    expect(JSON.stringify(entries)).not.toContain('Shorter.');
  });

  it('refuses members every admin step', async () => {
    const pid = await policyId('privacy');
    const { id } = await createDraft(admin, pid, draft());
    const [v1] = await versionsOf('privacy');
    const refused: (() => unknown)[] = [
      () => listPoliciesForAdmin(ada),
      () => createPolicy(ada, { title: 'Mine', slug: 'mine', type: 'other', audience: 'members', required: false, position: 1 }),
      () => updatePolicySettings(ada, pid, { title: 'Mine', type: 'other', audience: 'members', required: false, position: 1 }),
      () => createDraft(ada, pid, draft()),
      () => updateDraft(ada, id, draft()),
      () => deleteDraft(ada, id),
      () => activateVersion(ada, id),
      () => consentReport(ada, v1.id),
      () => getPolicyForAdmin(ada, pid),
      () => previewPolicyMarkdown(ada, '# Hi'),
    ];
    for (const attempt of refused) await expect(Promise.resolve().then(attempt)).rejects.toBeInstanceOf(Forbidden);
    expect((await versionsOf('privacy')).map((v) => v.status)).toEqual(['active', 'draft']);
    expect(await getDb().select().from(auditLog).where(eq(auditLog.actorId, ada.id))).toEqual([]);
  });

  it('previews a draft with the policy page renderer, facts filled in, without raw HTML', async () => {
    const html = await previewPolicyMarkdown(admin, '## Your rights\n\n<script>alert(1)</script> **bold** Stored in {{hosting-region}}.');
    expect(html).toContain('Stored in the European Union.');
    expect(html).toContain('<h2 id="section-your-rights">Your rights</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toContain('<script>');
  });
});
