import 'server-only';
import { cache } from 'react';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { policies, policyVersions } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { sharedValue } from '@/lib/shared-value';

export interface ActivePolicy {
  policyId: number;
  versionId: number;
  slug: string;
  title: string;
  type: string;
  audience: string;
  required: boolean;
  version: number;
  summary: string;
  effectiveAt: Date;
}

const activeColumns = {
  policyId: policies.id,
  versionId: policyVersions.id,
  slug: policies.slug,
  title: policies.title,
  type: policies.type,
  audience: policies.audience,
  required: policies.required,
  version: policyVersions.version,
  summary: policyVersions.summary,
  effectiveAt: policyVersions.effectiveAt,
};

const activePolicies = sharedValue(5_000, async (): Promise<readonly ActivePolicy[]> =>
  Object.freeze(
    await getDb()
      .select(activeColumns)
      .from(policies)
      .innerJoin(policyVersions, eq(policyVersions.policyId, policies.id))
      .where(eq(policyVersions.status, 'active'))
      .orderBy(asc(policies.position), asc(policies.id)),
  ),
);

/** Call after activating or archiving a policy version, so this process shows the change at once. */
export const invalidateActivePolicies = () => activePolicies.invalidate();

/** The active version of every policy, in display order (the footer, the policies page). */
export const listActivePolicies = cache((): Promise<readonly ActivePolicy[]> => activePolicies.get());

/** The policies a new member must accept: required ones addressed to everyone or to members. */
export async function policiesForSignUp(): Promise<ActivePolicy[]> {
  return getDb()
    .select(activeColumns)
    .from(policies)
    .innerJoin(policyVersions, eq(policyVersions.policyId, policies.id))
    .where(
      and(
        eq(policyVersions.status, 'active'),
        eq(policies.required, true),
        inArray(policies.audience, ['everyone', 'members']),
      ),
    )
    .orderBy(asc(policies.position), asc(policies.id));
}

export async function getActivePolicy(slug: string) {
  const [row] = await getDb()
    .select({ ...activeColumns, body: policyVersions.body })
    .from(policies)
    .innerJoin(policyVersions, eq(policyVersions.policyId, policies.id))
    .where(and(eq(policies.slug, slug), eq(policyVersions.status, 'active')));
  if (!row) throw new NotFound('No such policy');
  const history = await getDb()
    .select({ version: policyVersions.version, status: policyVersions.status, effectiveAt: policyVersions.effectiveAt })
    .from(policyVersions)
    .where(and(eq(policyVersions.policyId, row.policyId), inArray(policyVersions.status, ['active', 'archived'])))
    .orderBy(desc(policyVersions.version));
  return { ...row, history };
}
