// The registry this project installs from does not serve every platform's optional binaries
// (e.g. @next/swc-darwin-arm64), so `npm install` leaves them out of package-lock.json and `npm ci`
// then refuses the lock file. This adds the missing optional entries, marked with their platform,
// so `npm ci` accepts the lock and skips them on other platforms. Run after changing dependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const file = 'package-lock.json';
let output = '';
try {
  output = execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
}
const missing = [...output.matchAll(/Missing: (.+?)@\S* from lock file/g)].map((m) => m[1]);
if (!missing.length) {
  console.log('package-lock.json is complete.');
  process.exit(0);
}
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const platforms = ['darwin', 'win32', 'freebsd', 'android', 'openbsd', 'netbsd', 'sunos', 'aix', 'linux'];
const cpus = ['arm64', 'x64', 'ia32', 'riscv64', 'ppc64', 's390x', 'loong64', 'wasm32', 'arm'];
for (const name of missing) {
  const parent = Object.values(lock.packages).find((p) => p.optionalDependencies?.[name]);
  if (!parent) throw new Error(`No package lists ${name} as optional; fix the lock file by hand.`);
  const entry = { version: parent.optionalDependencies[name].replace(/^[\^~=]/, ''), optional: true };
  const os = platforms.find((o) => name.includes(o));
  const cpu = cpus.find((c) => name.includes(c));
  if (os) entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  lock.packages[`node_modules/${name}`] = entry;
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b))]);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`Added ${missing.length} optional platform entries: ${missing.join(', ')}`);
