import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb } from './client';
import { categories, policies, policyVersions, profiles, users } from './schema';
import { seedSettings } from '@/lib/settings';
import { defaultPolicies } from '@/lib/policies/defaults';
import { invalidateActivePolicies } from '@/lib/policies';
import { hashPassword, passwordProblem } from '@/lib/auth/passwords';

const defaultCategories = [
  { slug: 'general', name: 'General', description: 'Anything that does not fit elsewhere.', color: '#b45309', position: 1, visibility: 'everyone' as const },
  { slug: 'announcements', name: 'Announcements', description: 'News from the team.', color: '#1d4ed8', position: 2, visibility: 'everyone' as const },
  { slug: 'feedback', name: 'Feedback', description: 'Ideas and problems with this community.', color: '#15803d', position: 3, visibility: 'members' as const },
  { slug: 'staff', name: 'Staff', description: 'Private room for moderators and admins.', color: '#6b21a8', position: 4, visibility: 'staff' as const },
];

export interface SeedResult {
  /** Set only when the admin was created now with a generated password: shown once, never stored. */
  generatedAdmin?: { email: string; password: string };
  adminCreated: boolean;
}

/** First-start data. Running it again changes nothing that already exists. */
export async function seed(): Promise<SeedResult> {
  const db = getDb();
  await seedSettings();

  await db.insert(categories).values(defaultCategories).onConflictDoNothing({ target: categories.slug });

  for (const p of defaultPolicies) {
    await db.transaction(async (tx) => {
      const [policy] = await tx
        .insert(policies)
        .values({ slug: p.slug, type: p.type, title: p.title, position: p.position, required: p.required ?? true, audience: 'everyone' })
        .onConflictDoNothing({ target: policies.slug })
        .returning({ id: policies.id });
      if (policy) {
        await tx.insert(policyVersions).values({ policyId: policy.id, version: 1, status: 'active', summary: p.summary, body: p.body });
      }
    });
  }
  invalidateActivePolicies();

  // Fresh statistics, so the planner knows how few categories there are from the start.
  await db.execute(sql`analyze categories`);

  const [{ admins }] = await db.select({ admins: sql<number>`count(*)::int` }).from(users).where(eq(users.role, 'admin'));
  if (admins > 0) return { adminCreated: false };

  const email = process.env.ADMIN_EMAIL || 'admin@localhost';
  const given = process.env.ADMIN_PASSWORD;
  const password = given || randomBytes(12).toString('base64url');
  const weakness = given ? passwordProblem(given, [email]) : null;
  if (weakness) console.warn(`ADMIN_PASSWORD is weak: ${weakness} Change it after signing in.`);
  const [taken] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = 'admin'`);
  const [admin] = await db
    .insert(users)
    .values({
      username: taken ? `admin-${randomBytes(3).toString('hex')}` : 'admin',
      name: 'Administrator',
      email,
      passwordHash: await hashPassword(password),
      role: 'admin',
      trustLevel: 4,
      emailVerifiedAt: new Date(),
    })
    .returning({ id: users.id });
  await db.insert(profiles).values({ userId: admin.id });
  return { adminCreated: true, generatedAdmin: given ? undefined : { email, password } };
}

export function printAdminCredentials(result: SeedResult): void {
  if (!result.generatedAdmin) return;
  const { email, password } = result.generatedAdmin;
  const lines = [
    'Hearth created the admin account. This password is shown only once:',
    `  email:    ${email}`,
    `  password: ${password}`,
    'Sign in at /signin and change it, or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  console.log(`\n${'='.repeat(width)}\n${lines.join('\n')}\n${'='.repeat(width)}\n`);
}
