import { database } from '@/db/client';
import { FolderInUseError } from '@/db/folder-lock';
import { migrate } from '@/db/migrate';
import { printAdminCredentials, seed } from '@/db/seed';

try {
  const db = database();
  await migrate(db);
  console.log(`Migrations applied (${db.kind} database).`);
  if (!process.argv.includes('--no-seed')) printAdminCredentials(await seed());
  await db.close();
} catch (e) {
  if (!(e instanceof FolderInUseError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
