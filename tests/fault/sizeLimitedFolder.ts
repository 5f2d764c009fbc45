import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder on its own small filesystem, so a disk can be filled without touching the machine's. */
export interface SizeLimitedFolder {
  readonly path: string;
  /** How it was made: a tmpfs, or an ext4 image on a loop device. */
  readonly kind: 'tmpfs' | 'loop';
  /** Bytes still free for writing. */
  freeBytes(): number;
  /** Writes `name` so that only about `leaveFree` bytes stay free; returns its path. */
  fillLeaving(name: string, leaveFree: number): string;
  /** Unmounts and removes everything. */
  remove(): void;
}

function run(command: string, args: readonly string[]): void {
  execFileSync(command, args, { stdio: 'pipe' });
}

/**
 * Mounts a filesystem of `sizeBytes` on a fresh temporary folder: a tmpfs when mounting is
 * permitted (root), else an ext4 image on a loop device. Returns the reason when neither works,
 * so the caller can skip with it.
 */
export function mountSizeLimitedFolder(sizeBytes: number): SizeLimitedFolder | { unavailable: string } {
  const base = mkdtempSync(join(tmpdir(), 'plenary-small-disk-'));
  const path = join(base, 'mnt');
  mkdirSync(path);
  const make = (kind: SizeLimitedFolder['kind']): SizeLimitedFolder => ({
    path,
    kind,
    freeBytes() {
      const stats = statfsSync(path);
      return stats.bavail * stats.bsize;
    },
    fillLeaving(name, leaveFree) {
      const file = join(path, name);
      writeFileSync(file, Buffer.alloc(Math.max(0, this.freeBytes() - leaveFree), 0x2e));
      return file;
    },
    remove() {
      try {
        run('umount', [path]);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  });
  const reasons: string[] = [];
  try {
    run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', path]);
    return make('tmpfs');
  } catch (error) {
    reasons.push(`tmpfs: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    const image = join(base, 'disk.img');
    run('fallocate', ['-l', String(Math.max(sizeBytes, 2 * 1024 * 1024)), image]);
    run('mkfs.ext4', ['-q', '-F', image]);
    run('mount', ['-o', 'loop', image, path]);
    return make('loop');
  } catch (error) {
    reasons.push(`loop device: ${(error as Error).message.split('\n')[0]}`);
  }
  rmSync(base, { recursive: true, force: true });
  return { unavailable: `cannot mount a size-limited filesystem here (${reasons.join('; ')})` };
}
