import 'server-only';
import { cache } from 'react';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { diffLines } from 'diff';
import { getDb } from '@/db/client';
import { policies, policyVersions } from '@/db/schema';
import { NotFound } from '@/lib/errors';
import { wordDiff, type DiffPart } from '@/lib/forum/diff';
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

/** One line of a diff between two policy texts: unchanged, wholly added, wholly removed, or changed within. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed' | 'changed';
  parts: DiffPart[];
}

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Whether a word diff of two lines keeps enough in common to read as one line edited, not replaced. */
function editedLine(parts: DiffPart[]): boolean {
  const size = (kinds: DiffPart['kind'][]) => parts.filter((p) => kinds.includes(p.kind)).reduce((n, p) => n + p.text.trim().length, 0);
  const kept = size(['same']);
  return kept > 0 && kept >= 0.4 * Math.max(size(['same', 'removed']), size(['same', 'added']));
}

/**
 * Two versions of a text, line by line: lines added, removed or unchanged, and a line that was edited
 * shown once, with its removed and added words (lib/forum/diff.ts) marked inside it.
 */
export function diffByLine(before: string, after: string): DiffLine[] {
  const normalize = (text: string) => `${text.replace(/\r\n?/g, '\n').replace(/\n*$/, '')}\n`;
  const chunks = diffLines(normalize(before), normalize(after));
  const out: DiffLine[] = [];
  const whole = (kind: 'same' | 'added' | 'removed', lines: string[]) => {
    for (const text of lines) out.push({ kind, parts: text ? [{ kind, text }] : [] });
  };
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    const next = chunks[i + 1];
    if (chunk.removed && next?.added) {
      i++;
      const removed = linesOf(chunk.value);
      const added = linesOf(next.value);
      const pairs = removed.length === added.length ? removed.map((line, j) => wordDiff(line, added[j])) : null;
      if (pairs?.every(editedLine)) {
        for (const parts of pairs) out.push({ kind: 'changed', parts });
      } else {
        whole('removed', removed);
        whole('added', added);
      }
    } else {
      whole(chunk.added ? 'added' : chunk.removed ? 'removed' : 'same', linesOf(chunk.value));
    }
  }
  return out;
}

export interface PolicyVersionView {
  policyId: number;
  slug: string;
  title: string;
  type: string;
  audience: string;
  required: boolean;
  version: number;
  status: 'active' | 'archived';
  summary: string;
  body: string;
  effectiveAt: Date;
  /** The active version, to compare with; null when the policy has none now. */
  current: { version: number; effectiveAt: Date; body: string } | null;
  /** From this version to the active one; empty when this is the active one. */
  changes: DiffLine[];
}

/** One published (active or archived) version of a policy; drafts are never shown. */
export async function getPolicyVersion(slug: string, version: number): Promise<PolicyVersionView> {
  const [row] = await getDb()
    .select({
      policyId: policies.id,
      slug: policies.slug,
      title: policies.title,
      type: policies.type,
      audience: policies.audience,
      required: policies.required,
      version: policyVersions.version,
      status: policyVersions.status,
      summary: policyVersions.summary,
      body: policyVersions.body,
      effectiveAt: policyVersions.effectiveAt,
    })
    .from(policies)
    .innerJoin(policyVersions, eq(policyVersions.policyId, policies.id))
    .where(and(eq(policies.slug, slug), eq(policyVersions.version, version), inArray(policyVersions.status, ['active', 'archived'])));
  if (!row) throw new NotFound('No such policy version');
  const [current] = await getDb()
    .select({ version: policyVersions.version, effectiveAt: policyVersions.effectiveAt, body: policyVersions.body })
    .from(policyVersions)
    .where(and(eq(policyVersions.policyId, row.policyId), eq(policyVersions.status, 'active')));
  const changes = current && current.version !== row.version ? diffByLine(row.body, current.body) : [];
  return { ...row, status: row.status as 'active' | 'archived', current: current ?? null, changes };
}
