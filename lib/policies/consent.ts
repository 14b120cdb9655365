import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { consents, policies, policyVersions, users } from '@/db/schema';
import { Invalid, NotFound } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { parseOrInvalid } from '@/lib/validation';
import { listActivePolicies, type ActivePolicy } from './index';

/** The audiences that include signed-in members. */
export const MEMBER_AUDIENCES: readonly string[] = ['everyone', 'members'];

export interface PublishedVersion {
  id: number;
  version: number;
  minorChange: boolean;
}

/**
 * The versions whose acceptance counts for `versionId`: the version itself and, while it is a minor
 * change, each published version before it, back to (and including) the last one that was not.
 */
export function versionsCovering(published: readonly PublishedVersion[], versionId: number): number[] {
  const newestFirst = [...published].sort((a, b) => b.version - a.version);
  const start = newestFirst.findIndex((v) => v.id === versionId);
  if (start < 0) return [versionId];
  const ids: number[] = [];
  for (const v of newestFirst.slice(start)) {
    ids.push(v.id);
    if (!v.minorChange) break;
  }
  return ids;
}

/** The published (active or archived) versions of some policies, by policy. */
export async function publishedVersionsOf(policyIds: number[]): Promise<Map<number, PublishedVersion[]>> {
  const byPolicy = new Map<number, PublishedVersion[]>();
  if (!policyIds.length) return byPolicy;
  const rows = await getDb()
    .select({ id: policyVersions.id, policyId: policyVersions.policyId, version: policyVersions.version, minorChange: policyVersions.minorChange })
    .from(policyVersions)
    .where(and(inArray(policyVersions.policyId, policyIds), inArray(policyVersions.status, ['active', 'archived'])));
  for (const { policyId, ...v } of rows) byPolicy.set(policyId, [...(byPolicy.get(policyId) ?? []), v]);
  return byPolicy;
}

/** An active policy addressed to members, with what counts as accepting it. */
export interface MemberPolicy extends ActivePolicy {
  /** Accepting any of these versions counts as accepting the active one (minor changes keep earlier acceptances). */
  coveredBy: number[];
  /** The published version before the active one, for "what changed"; null for a first version. */
  previousVersion: number | null;
}

async function loadMemberPolicies(active: readonly ActivePolicy[]): Promise<MemberPolicy[]> {
  const forMembers = active.filter((p) => MEMBER_AUDIENCES.includes(p.audience));
  const published = await publishedVersionsOf(forMembers.map((p) => p.policyId));
  return forMembers.map((p) => {
    const own = published.get(p.policyId) ?? [];
    const earlier = own.filter((v) => v.version < p.version).sort((a, b) => b.version - a.version);
    return { ...p, coveredBy: versionsCovering(own, p.versionId), previousVersion: earlier[0]?.version ?? null };
  });
}

// Derived from the shared list of active policies, so it is reloaded exactly when that list is
// (after an activation here, or when the list expires for changes made by another process).
const memberPoliciesByActive = new WeakMap<readonly ActivePolicy[], Promise<MemberPolicy[]>>();

/** The active policies addressed to members, in display order. */
export async function listMemberPolicies(): Promise<MemberPolicy[]> {
  const active = await listActivePolicies();
  let found = memberPoliciesByActive.get(active);
  if (!found) {
    const loading = loadMemberPolicies(active);
    loading.catch(() => {
      if (memberPoliciesByActive.get(active) === loading) memberPoliciesByActive.delete(active);
    });
    memberPoliciesByActive.set(active, loading);
    found = loading;
  }
  return found;
}

/** Of these versions, the ones the member has accepted and not withdrawn (one indexed read). */
async function openAcceptances(userId: string, versionIds: number[]): Promise<Map<number, Date>> {
  const accepted = new Map<number, Date>();
  if (!versionIds.length) return accepted;
  const rows = await getDb()
    .select({ versionId: consents.policyVersionId, givenAt: consents.givenAt })
    .from(consents)
    .where(and(eq(consents.userId, userId), eq(consents.kind, 'policy'), isNull(consents.withdrawnAt), inArray(consents.policyVersionId, versionIds)));
  for (const r of rows) {
    if (r.versionId === null) continue;
    const seen = accepted.get(r.versionId);
    if (!seen || seen < r.givenAt) accepted.set(r.versionId, r.givenAt);
  }
  return accepted;
}

/** The required policies the member has still to accept before continuing, in display order. */
export async function pendingConsents(userId: string): Promise<MemberPolicy[]> {
  const required = (await listMemberPolicies()).filter((p) => p.required);
  if (!required.length) return [];
  const accepted = await openAcceptances(userId, required.flatMap((p) => p.coveredBy));
  return required.filter((p) => !p.coveredBy.some((id) => accepted.has(id)));
}

/** Whether the member must accept a policy before continuing: the cached policy list plus one indexed read. */
export async function hasPendingConsent(userId: string): Promise<boolean> {
  return (await pendingConsents(userId)).length > 0;
}

/** For the sign-in form, which knows only the address: whether that account must accept a policy first. */
export async function consentDueForEmail(email: string): Promise<boolean> {
  const [user] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email.trim()})`, isNull(users.closedAt)));
  return user ? hasPendingConsent(user.id) : false;
}

const versionIdsSchema = z
  .array(z.coerce.number({ error: 'Choose a policy to accept.' }).int().positive(), { error: 'Choose a policy to accept.' })
  .min(1, 'Choose a policy to accept.')
  .max(50, 'Too many policies at once.');

const CHANGED = 'A policy changed while you were reading it. Read the current version below and accept again.';

/**
 * Records the member's acceptance of these policy versions. Each must be the active version of a
 * policy addressed to members; a version already accepted (and not withdrawn) is not recorded twice.
 * Returns how many acceptances were recorded.
 */
export async function acceptPolicies(viewer: Pick<Actor, 'id'>, rawVersionIds: unknown): Promise<number> {
  const ids = [...new Set(parseOrInvalid(z.object({ versionIds: versionIdsSchema }), { versionIds: rawVersionIds }).versionIds)];
  return getDb().transaction(async (tx) => {
    // One acceptance at a time per member, so a double submit records nothing twice.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, viewer.id)).for('update');
    const versions = await tx
      .select({ id: policyVersions.id, status: policyVersions.status, audience: policies.audience })
      .from(policyVersions)
      .innerJoin(policies, eq(policies.id, policyVersions.policyId))
      .where(inArray(policyVersions.id, ids));
    if (versions.length !== ids.length || versions.some((v) => v.status !== 'active' || !MEMBER_AUDIENCES.includes(v.audience))) {
      throw new Invalid({ form: CHANGED });
    }
    const open = await tx
      .select({ versionId: consents.policyVersionId })
      .from(consents)
      .where(and(eq(consents.userId, viewer.id), eq(consents.kind, 'policy'), isNull(consents.withdrawnAt), inArray(consents.policyVersionId, ids)));
    const already = new Set(open.map((r) => r.versionId));
    const fresh = ids.filter((id) => !already.has(id));
    if (fresh.length) await tx.insert(consents).values(fresh.map((id) => ({ userId: viewer.id, kind: 'policy' as const, policyVersionId: id })));
    return fresh.length;
  });
}

/**
 * Withdraws the member's acceptance of an optional policy (every version of it). Required policies
 * cannot be withdrawn: using the community depends on them. Returns how many acceptances were withdrawn.
 */
export async function withdrawPolicy(viewer: Pick<Actor, 'id'>, policyId: number): Promise<number> {
  if (!Number.isInteger(policyId) || policyId < 1) throw new NotFound();
  const db = getDb();
  const [policy] = await db.select({ title: policies.title, required: policies.required }).from(policies).where(eq(policies.id, policyId));
  if (!policy) throw new NotFound();
  if (policy.required) {
    throw new Invalid({
      form: `The ${policy.title} is required to take part in the community, so it cannot be withdrawn here. To stop, close your account under Settings → Account.`,
    });
  }
  const withdrawn = await db
    .update(consents)
    .set({ withdrawnAt: sql`now()` })
    .where(
      and(
        eq(consents.userId, viewer.id),
        eq(consents.kind, 'policy'),
        isNull(consents.withdrawnAt),
        inArray(consents.policyVersionId, db.select({ id: policyVersions.id }).from(policyVersions).where(eq(policyVersions.policyId, policyId))),
      ),
    )
    .returning({ id: consents.id });
  return withdrawn.length;
}

export interface OptionalPolicyState {
  policyId: number;
  versionId: number;
  slug: string;
  title: string;
  summary: string;
  version: number;
  /** When the member accepted this version (or one it keeps, for a minor change); null when not accepted. */
  acceptedAt: Date | null;
  /** An earlier version the member accepted that no longer counts, since the policy changed since. */
  outdatedVersion: number | null;
}

/** The optional policies addressed to members, and whether this member accepts each. */
export async function optionalPoliciesFor(userId: string): Promise<OptionalPolicyState[]> {
  const optional = (await listMemberPolicies()).filter((p) => !p.required);
  if (!optional.length) return [];
  const open = await getDb()
    .select({ versionId: consents.policyVersionId, version: policyVersions.version, policyId: policyVersions.policyId, givenAt: consents.givenAt })
    .from(consents)
    .innerJoin(policyVersions, eq(policyVersions.id, consents.policyVersionId))
    .where(
      and(
        eq(consents.userId, userId),
        eq(consents.kind, 'policy'),
        isNull(consents.withdrawnAt),
        inArray(
          policyVersions.policyId,
          optional.map((p) => p.policyId),
        ),
      ),
    )
    .orderBy(desc(consents.givenAt));
  return optional.map((p) => {
    const mine = open.filter((r) => r.policyId === p.policyId);
    const current = mine.find((r) => r.versionId !== null && p.coveredBy.includes(r.versionId));
    const older = current ? undefined : mine.sort((a, b) => b.version - a.version)[0];
    return {
      policyId: p.policyId,
      versionId: p.versionId,
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      version: p.version,
      acceptedAt: current?.givenAt ?? null,
      outdatedVersion: older?.version ?? null,
    };
  });
}

export interface ConsentRecord {
  id: string;
  kind: 'policy' | 'marketing_email' | 'guardian';
  policyTitle: string | null;
  policySlug: string | null;
  policyRequired: boolean | null;
  version: number | null;
  givenAt: Date;
  withdrawnAt: Date | null;
}

/** Everything the member agreed to, newest first: every policy version, required or not, and other consents. */
export async function consentHistory(userId: string): Promise<ConsentRecord[]> {
  return getDb()
    .select({
      id: consents.id,
      kind: consents.kind,
      policyTitle: policies.title,
      policySlug: policies.slug,
      policyRequired: policies.required,
      version: policyVersions.version,
      givenAt: consents.givenAt,
      withdrawnAt: consents.withdrawnAt,
    })
    .from(consents)
    .leftJoin(policyVersions, eq(policyVersions.id, consents.policyVersionId))
    .leftJoin(policies, eq(policies.id, policyVersions.policyId))
    .where(eq(consents.userId, userId))
    .orderBy(desc(consents.givenAt), asc(policies.position), desc(policyVersions.version), asc(consents.kind));
}
