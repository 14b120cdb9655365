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
export function acquireFolderLock(dir: string): () => void {
  const lockPath = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      const release = () => {
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
      if (owner === process.pid) return () => {};
      if (owner && alive(owner)) throw new FolderInUseError(dir, owner);
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
