import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFolderLock, FolderInUseError } from '@/db/folder-lock';
import { openEmbedded } from '@/db/client';

const children: ChildProcess[] = [];
let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-lock-'));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A process that stays alive until killed. */
function idleProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Another process that takes the lock with the app's own code and keeps it, like a running server would. */
async function processHoldingLock(dir: string): Promise<ChildProcess> {
  const code = `import(${JSON.stringify(path.resolve('db/folder-lock.ts'))}).then((m) => {
    m.acquireFolderLock(${JSON.stringify(dir)});
    console.log('locked');
    setInterval(() => {}, 1000);
  });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (c) => reject(new Error(`lock holder exited early with ${c}`)));
  });
  return child;
}

const lockFile = (dir: string) => `${dir}.lock`;

describe('embedded database folder lock', () => {
  it('refuses a folder whose lock belongs to another running process, naming the folder and the process', async () => {
    const dir = path.join(tmp, 'pglite');
    const other = idleProcess();
    fs.writeFileSync(lockFile(dir), String(other.pid));

    let error: unknown;
    try {
      acquireFolderLock(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FolderInUseError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain(`process ${other.pid}`);
    expect((error as Error).message).toMatch(/HEARTH_DATA_DIR/);
    // The other process keeps its lock.
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(other.pid));
    other.kill('SIGKILL');
  });

  it('takes over a lock left behind by a process that has exited', async () => {
    const dir = path.join(tmp, 'pglite');
    const gone = idleProcess();
    const pid = gone.pid!;
    gone.kill('SIGKILL');
    await exited(gone);
    fs.writeFileSync(lockFile(dir), String(pid));

    const release = acquireFolderLock(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('takes over an empty or unreadable lock file', () => {
    const dir = path.join(tmp, 'pglite');
    fs.writeFileSync(lockFile(dir), '');
    const release = acquireFolderLock(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses a second open of the same folder inside one process', () => {
    const dir = path.join(tmp, 'db');
    const release = acquireFolderLock(dir);
    expect(() => acquireFolderLock(dir)).toThrow(FolderInUseError);
    release();
    acquireFolderLock(dir)();
  });

  it('lets the next opener in once released', () => {
    const dir = path.join(tmp, 'pglite');
    const release = acquireFolderLock(dir);
    expect(fs.existsSync(lockFile(dir))).toBe(true);
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    acquireFolderLock(dir)();
  });

  it('does not delete a lock that another process took after this one released it', () => {
    const dir = path.join(tmp, 'pglite');
    const release = acquireFolderLock(dir);
    const other = idleProcess();
    fs.writeFileSync(lockFile(dir), String(other.pid));
    release();
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(other.pid));
    other.kill('SIGKILL');
  });
});

describe('opening an embedded database folder', () => {
  it('fails clearly while another process has it open, and works once that process is gone', async () => {
    const dir = path.join(tmp, 'data', 'pglite');
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const holder = await processHoldingLock(dir);

    expect(() => openEmbedded(dir)).toThrow(FolderInUseError);
    expect(() => openEmbedded(dir)).toThrow(`The embedded database folder ${dir} is already open in process ${holder.pid}`);

    holder.kill('SIGKILL');
    await exited(holder);

    const database = openEmbedded(dir);
    try {
      const { rows } = await database.runner.executeSql('select 1 + 1 as two');
      expect(rows).toEqual([{ two: 2 }]);
      expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    } finally {
      await database.close();
    }
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    // Creating a new embedded database folder can take a while on a busy machine.
  }, 90_000);
});
