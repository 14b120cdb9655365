import { database } from '@/db/client';
import { migrate } from '@/db/migrate';
import { printAdminCredentials, seed } from '@/db/seed';

const db = database();
await migrate(db);
console.log(`Migrations applied (${db.kind} database).`);
if (!process.argv.includes('--no-seed')) printAdminCredentials(await seed());
await db.close();
