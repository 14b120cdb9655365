import 'server-only';
import { loadPolicyFacts, renderPolicyBody } from './facts';
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { consents, policies, policyVersions, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { isCalendarDate, todayUtc } from '@/lib/auth/age';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { pageWindow } from '@/lib/pagination';
import { can, type Actor } from '@/lib/permissions';
import { parseOrInvalid, requiredText } from '@/lib/validation';
import { MEMBER_AUDIENCES, publishedVersionsOf, versionsCovering } from './consent';
import { invalidateActivePolicies } from './index';

export const POLICY_TYPES = ['terms', 'privacy', 'cookies', 'third_party', 'other'] as const;
export const POLICY_AUDIENCES = ['everyone', 'members', 'guests'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];
export type PolicyAudience = (typeof POLICY_AUDIENCES)[number];
export type VersionStatus = 'draft' | 'active' | 'archived';

export const SUMMARY_MAX = 600;
export const BODY_MAX = 100_000;

function assertAdmin(viewer: Actor): void {
  if (!can(viewer, 'admin.access')) throw new Forbidden();
}

function validId(id: number): number {
  if (!Number.isInteger(id) || id < 1) throw new NotFound();
  return id;
}

const settingsShape = {
  title: requiredText(120, 'Title'),
  type: z.enum(POLICY_TYPES, { error: 'Choose what kind of policy this is.' }),
  audience: z.enum(POLICY_AUDIENCES, { error: 'Choose who the policy is for.' }),
  required: z.boolean({ error: 'Say whether members must accept it.' }),
  position: z.coerce.number({ error: 'Order must be a number.' }).int('Order must be a whole number.').min(0, 'Order goes from 0 to 1000.').max(1000, 'Order goes from 0 to 1000.'),
};

const newPolicySchema = z.object({
  ...settingsShape,
  slug: z
    .string({ error: 'Slug is required.' })
    .trim()
    .min(2, 'Slug needs at least 2 characters.')
    .max(60, 'Slug can be at most 60 characters.')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes, like "community-guidelines".'),
});

const policySettingsSchema = z.object(settingsShape);

export type NewPolicyInput = z.input<typeof newPolicySchema>;
export type PolicySettingsInput = z.input<typeof policySettingsSchema>;

const draftSchema = z.object({
  summary: requiredText(SUMMARY_MAX, 'Summary'),
  body: z
    .string({ error: 'The text is required.' })
    .max(BODY_MAX, `The text can be at most ${BODY_MAX.toLocaleString('en')} characters.`)
    .refine((v) => v.trim().length > 0, 'The text is required.'),
  effectiveAt: z
    .string({ error: 'Effective date is required.' })
    .trim()
    .min(1, 'Effective date is required.')
    .refine(isCalendarDate, 'Enter a real date as YYYY-MM-DD.')
    .refine((v) => v >= '2000-01-01', 'Enter a date after 2000.'),
  minorChange: z.boolean().default(false),
});

export type DraftInput = z.input<typeof draftSchema>;

const draftValues = (input: z.output<typeof draftSchema>) => ({
  summary: input.summary,
  body: input.body,
  effectiveAt: new Date(`${input.effectiveAt}T00:00:00Z`),
  minorChange: input.minorChange,
});

export interface PolicyAdminRow {
  id: number;
  slug: string;
  title: string;
  type: PolicyType;
  audience: PolicyAudience;
  required: boolean;
  position: number;
  activeVersion: number | null;
  activeVersionId: number | null;
  activeEffectiveAt: Date | null;
  drafts: { id: number; version: number }[];
}

/** Admin: every policy with its active version and its drafts, in display order. */
export async function listPoliciesForAdmin(viewer: Actor): Promise<PolicyAdminRow[]> {
  assertAdmin(viewer);
  const db = getDb();
  const rows = await db
    .select({ id: policies.id, slug: policies.slug, title: policies.title, type: policies.type, audience: policies.audience, required: policies.required, position: policies.position })
    .from(policies)
    .orderBy(asc(policies.position), asc(policies.id));
  const versions = await db
    .select({ id: policyVersions.id, policyId: policyVersions.policyId, version: policyVersions.version, status: policyVersions.status, effectiveAt: policyVersions.effectiveAt })
    .from(policyVersions)
    .where(inArray(policyVersions.status, ['active', 'draft']))
    .orderBy(asc(policyVersions.version));
  return rows.map((p) => {
    const own = versions.filter((v) => v.policyId === p.id);
    const active = own.find((v) => v.status === 'active');
    return {
      ...p,
      activeVersion: active?.version ?? null,
      activeVersionId: active?.id ?? null,
      activeEffectiveAt: active?.effectiveAt ?? null,
      drafts: own.filter((v) => v.status === 'draft').map((v) => ({ id: v.id, version: v.version })),
    };
  });
}

/** Admin: a new policy, without any version yet (it is published by activating a first version). */
export async function createPolicy(viewer: Actor, raw: NewPolicyInput): Promise<number> {
  assertAdmin(viewer);
  const input = parseOrInvalid(newPolicySchema, raw);
  const db = getDb();
  const [clash] = await db.select({ id: policies.id }).from(policies).where(eq(policies.slug, input.slug));
  if (clash) throw new Invalid({ slug: 'Another policy already uses this slug.' });
  const [created] = await db.insert(policies).values(input).onConflictDoNothing({ target: policies.slug }).returning({ id: policies.id });
  if (!created) throw new Invalid({ slug: 'Another policy already uses this slug.' });
  await audit(viewer, 'policy.create', { type: 'policy', id: created.id });
  return created.id;
}

/** Admin: change a policy's title, kind, audience, whether it is required and its order. The slug stays, since links point to it. */
export async function updatePolicySettings(viewer: Actor, policyId: number, raw: PolicySettingsInput): Promise<void> {
  assertAdmin(viewer);
  const input = parseOrInvalid(policySettingsSchema, raw);
  const updated = await getDb().update(policies).set(input).where(eq(policies.id, validId(policyId))).returning({ id: policies.id });
  if (!updated.length) throw new NotFound();
  await audit(viewer, 'policy.update', { type: 'policy', id: policyId });
  invalidateActivePolicies();
}

export interface VersionRow {
  id: number;
  version: number;
  status: VersionStatus;
  summary: string;
  minorChange: boolean;
  effectiveAt: Date;
  createdAt: Date;
}

const versionColumns = {
  id: policyVersions.id,
  version: policyVersions.version,
  status: policyVersions.status,
  summary: policyVersions.summary,
  minorChange: policyVersions.minorChange,
  effectiveAt: policyVersions.effectiveAt,
  createdAt: policyVersions.createdAt,
};

const policyColumns = {
  id: policies.id,
  slug: policies.slug,
  title: policies.title,
  type: policies.type,
  audience: policies.audience,
  required: policies.required,
  position: policies.position,
};

/** Admin: one policy with every version, newest first. */
export async function getPolicyForAdmin(viewer: Actor, policyId: number) {
  assertAdmin(viewer);
  const db = getDb();
  const [policy] = await db.select(policyColumns).from(policies).where(eq(policies.id, validId(policyId)));
  if (!policy) throw new NotFound();
  const versions: VersionRow[] = await db.select(versionColumns).from(policyVersions).where(eq(policyVersions.policyId, policyId)).orderBy(desc(policyVersions.version));
  return { ...policy, versions };
}

/** Admin: one version with its text and its policy. */
export async function getVersionForAdmin(viewer: Actor, versionId: number) {
  assertAdmin(viewer);
  const [row] = await getDb()
    .select({ ...versionColumns, body: policyVersions.body, policy: policyColumns })
    .from(policyVersions)
    .innerJoin(policies, eq(policies.id, policyVersions.policyId))
    .where(eq(policyVersions.id, validId(versionId)));
  if (!row) throw new NotFound();
  return row;
}

/** What a new draft starts from: the active version's text, or nothing for a first version. */
export async function draftStartingPoint(viewer: Actor, policyId: number): Promise<{ summary: string; body: string; effectiveAt: string; minorChange: boolean }> {
  assertAdmin(viewer);
  const [active] = await getDb()
    .select({ summary: policyVersions.summary, body: policyVersions.body })
    .from(policyVersions)
    .where(and(eq(policyVersions.policyId, validId(policyId)), eq(policyVersions.status, 'active')));
  return { summary: active?.summary ?? '', body: active?.body ?? '', effectiveAt: todayUtc(), minorChange: false };
}

/** Admin: a new draft version of a policy, numbered after every existing version. Returns its id. */
export async function createDraft(viewer: Actor, policyId: number, raw: DraftInput): Promise<{ id: number; version: number }> {
  assertAdmin(viewer);
  const input = parseOrInvalid(draftSchema, raw);
  validId(policyId);
  return getDb().transaction(async (tx) => {
    const [policy] = await tx.select({ id: policies.id }).from(policies).where(eq(policies.id, policyId)).for('update');
    if (!policy) throw new NotFound();
    const [{ highest }] = await tx
      .select({ highest: sql<number>`coalesce(max(${policyVersions.version}), 0)::int` })
      .from(policyVersions)
      .where(eq(policyVersions.policyId, policyId));
    const [created] = await tx
      .insert(policyVersions)
      .values({ policyId, version: highest + 1, status: 'draft', createdBy: viewer.id, ...draftValues(input) })
      .returning({ id: policyVersions.id, version: policyVersions.version });
    await audit(viewer, 'policy.version_create', { type: 'policy', id: policyId }, null, { versionId: created.id, version: created.version }, tx);
    return created;
  });
}

const notDraft = (status: VersionStatus) =>
  new Invalid({
    form:
      status === 'active'
        ? 'This version is already published, so it cannot be changed. Create a new draft instead.'
        : 'This version is archived, so it cannot be changed. Create a new draft instead.',
  });

/** Admin: change a draft. Published versions never change: members accepted them as they are. */
export async function updateDraft(viewer: Actor, versionId: number, raw: DraftInput): Promise<void> {
  assertAdmin(viewer);
  const input = parseOrInvalid(draftSchema, raw);
  const current = await getVersionForAdmin(viewer, versionId);
  if (current.status !== 'draft') throw notDraft(current.status);
  const updated = await getDb()
    .update(policyVersions)
    .set(draftValues(input))
    .where(and(eq(policyVersions.id, versionId), eq(policyVersions.status, 'draft')))
    .returning({ id: policyVersions.id });
  if (!updated.length) throw notDraft('active');
  await audit(viewer, 'policy.version_update', { type: 'policy', id: current.policy.id }, null, { versionId, version: current.version });
}

/** Admin: throw a draft away. */
export async function deleteDraft(viewer: Actor, versionId: number): Promise<{ policyId: number }> {
  assertAdmin(viewer);
  const current = await getVersionForAdmin(viewer, versionId);
  if (current.status !== 'draft') throw notDraft(current.status);
  const deleted = await getDb()
    .delete(policyVersions)
    .where(and(eq(policyVersions.id, versionId), eq(policyVersions.status, 'draft')))
    .returning({ id: policyVersions.id });
  if (!deleted.length) throw notDraft('active');
  await audit(viewer, 'policy.version_delete', { type: 'policy', id: current.policy.id }, null, { versionId, version: current.version });
  return { policyId: current.policy.id };
}

/**
 * Admin: publish a draft. In one transaction the draft becomes the active version and the version
 * active until now is archived. A draft numbered below a published version (an older draft published
 * after a newer one) takes the next free number, so version numbers always follow publication order.
 */
export async function activateVersion(viewer: Actor, versionId: number): Promise<{ policyId: number; version: number; archivedVersionId: number | null }> {
  assertAdmin(viewer);
  validId(versionId);
  const result = await getDb().transaction(async (tx) => {
    const [found] = await tx.select({ policyId: policyVersions.policyId }).from(policyVersions).where(eq(policyVersions.id, versionId));
    if (!found) throw new NotFound();
    // Activations of one policy happen one at a time.
    await tx.select({ id: policies.id }).from(policies).where(eq(policies.id, found.policyId)).for('update');
    const versions = await tx
      .select({ id: policyVersions.id, version: policyVersions.version, status: policyVersions.status })
      .from(policyVersions)
      .where(eq(policyVersions.policyId, found.policyId));
    const draft = versions.find((v) => v.id === versionId);
    if (!draft) throw new NotFound();
    if (draft.status !== 'draft') throw notDraft(draft.status);
    const active = versions.find((v) => v.status === 'active');
    const highestPublished = Math.max(0, ...versions.filter((v) => v.status !== 'draft').map((v) => v.version));
    const version = draft.version > highestPublished ? draft.version : Math.max(...versions.map((v) => v.version)) + 1;
    if (active) await tx.update(policyVersions).set({ status: 'archived' }).where(eq(policyVersions.id, active.id));
    await tx.update(policyVersions).set({ status: 'active', version }).where(eq(policyVersions.id, versionId));
    await audit(viewer, 'policy.activate', { type: 'policy', id: found.policyId }, null, { versionId, version, archivedVersionId: active?.id ?? null }, tx);
    return { policyId: found.policyId, version, archivedVersionId: active?.id ?? null };
  });
  invalidateActivePolicies();
  return result;
}

/** Admin: the Markdown of a draft as the policy page will show it, facts from the running site filled in. */
export async function previewPolicyMarkdown(viewer: Actor, body: string): Promise<string> {
  assertAdmin(viewer);
  return renderPolicyBody(body.slice(0, BODY_MAX), await loadPolicyFacts());
}

export const REPORT_PER_PAGE = 50;

export interface ConsentReport {
  /** Members whose acceptance of exactly this version stands. */
  accepted: number;
  /** Members who accepted this version and withdrew, without accepting it again. */
  withdrawn: number;
  /** For a minor change: members who accepted an earlier version that still counts, but not this one. */
  coveredByEarlier: number;
  /**
   * Confirmed members with an open account who have accepted neither this version nor one that counts
   * for it: asked only for the active version of a policy addressed to members (else null).
   */
  notYet: null | {
    total: number;
    page: number;
    pageCount: number;
    members: { id: string; username: string; name: string; joinedAt: Date }[];
  };
}

/** Admin: who accepted a published version, who withdrew, and (for the active version) who has yet to accept. */
export async function consentReport(viewer: Actor, versionId: number, page = 1): Promise<ConsentReport> {
  const version = await getVersionForAdmin(viewer, versionId);
  if (version.status === 'draft') throw new NotFound('A draft has no consents yet.');
  const published = (await publishedVersionsOf([version.policy.id])).get(version.policy.id) ?? [];
  const covering = versionsCovering(published, versionId);
  const earlier = covering.filter((id) => id !== versionId);
  const db = getDb();
  const idList = (ids: number[]) => sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
  const openFor = (ids: number[], userId: typeof consents.userId | typeof users.id) =>
    sql`exists (select 1 from ${consents} o where o.user_id = ${userId} and o.kind = 'policy' and o.withdrawn_at is null and o.policy_version_id in ${idList(ids)})`;
  const membersWhere = (...conditions: Parameters<typeof and>) =>
    db.select({ n: sql<number>`count(distinct ${consents.userId})::int` }).from(consents).where(and(eq(consents.kind, 'policy'), ...conditions));
  const [[accepted], [withdrawn], [coveredByEarlier]] = await Promise.all([
    membersWhere(eq(consents.policyVersionId, versionId), isNull(consents.withdrawnAt)),
    membersWhere(eq(consents.policyVersionId, versionId), isNotNull(consents.withdrawnAt), sql`not ${openFor([versionId], consents.userId)}`),
    earlier.length
      ? membersWhere(inArray(consents.policyVersionId, earlier), isNull(consents.withdrawnAt), sql`not ${openFor([versionId], consents.userId)}`)
      : Promise.resolve([{ n: 0 }]),
  ]);

  let notYet: ConsentReport['notYet'] = null;
  if (version.status === 'active' && MEMBER_AUDIENCES.includes(version.policy.audience)) {
    const stillToAccept = and(
      isNotNull(users.emailVerifiedAt),
      isNull(users.closedAt),
      sql`not ${openFor(covering, users.id)}`,
    );
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(users).where(stillToAccept);
    const window = pageWindow(total, page, REPORT_PER_PAGE);
    const members = await db
      .select({ id: users.id, username: users.username, name: users.name, joinedAt: users.createdAt })
      .from(users)
      .where(stillToAccept)
      .orderBy(sql`lower(${users.username})`, asc(users.id))
      .limit(REPORT_PER_PAGE)
      .offset(window.offset);
    notYet = { total, page: window.page, pageCount: window.pageCount, members };
  }
  return { accepted: accepted.n, withdrawn: withdrawn.n, coveredByEarlier: coveredByEarlier.n, notYet };
}
