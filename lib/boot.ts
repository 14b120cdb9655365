import { database } from '@/db/client';
import { migrate } from '@/db/migrate';
import { printAdminCredentials, seed } from '@/db/seed';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { startJobs } from '@/lib/jobs';

/** What the server does once when it starts: migrate, seed, start the job runner. */
export async function boot(): Promise<void> {
  ensureAuthSecret();
  const db = database();
  await migrate(db);
  printAdminCredentials(await seed());
  if (process.env.HEARTH_JOBS !== 'off') await startJobs();
}
