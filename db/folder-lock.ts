import fs from 'node:fs';
import path from 'node:path';

export class FolderInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database folder ${dir} is already open in process ${pid}. ` +
        'Only one process may open it: stop that process first, or set HEARTH_DATA_DIR to another folder.',
    );
    this.name = 'FolderInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite takes no lock on its folder, and two processes writing it lose rows silently.
 * This lock file names the owner process; a second opener gets a clear error instead.
 * Returns the function that releases the lock.
 */
const heldHere = ((globalThis as unknown as { __hearthHeldLocks?: Set<string> }).__hearthHeldLocks ??= new Set());

export function acquireFolderLock(dir: string): () => void {
  const lockPath = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  if (heldHere.has(lockPath)) throw new FolderInUseError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      heldHere.add(lockPath);
      const release = () => {
        heldHere.delete(lockPath);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      // Our own pid in the file without our own hold on it: left by an earlier run that had the same pid.
      if (owner && owner !== process.pid && alive(owner)) throw new FolderInUseError(dir, owner);
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
