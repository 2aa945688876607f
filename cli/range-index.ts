/**
 * Range indexes: which cluster directory owns which pair of loopback ranges (cluster-config.ts maps an
 * index to its ranges). Loopback addresses are shared by the whole machine, so ownership is recorded in
 * a per-machine registry directory, one claim file per index (`<registry>/<index>` holding the cluster
 * dir). Index 0 belongs to the default dir; other dirs take the lowest free index from 1.
 *
 * A claim is stale, and may be taken over, when its dir no longer exists or that dir's cluster.json now
 * names another index. Claims are made under a lock directory so that two `kubelab up` at once (two
 * test files) cannot both take over the same stale claim.
 *
 * `candidateIndexes` and `isStaleClaim` are pure; the rest is thin file I/O.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RANGE_INDEX_COUNT } from './cluster-config.js';

/** Indexes to try in order: the dir's previous one first, so its Service ClusterIPs stay in range. */
export function candidateIndexes(defaultDir: boolean, previous?: number): number[] {
  const rest = Array.from({ length: RANGE_INDEX_COUNT - 1 }, (_, i) => i + 1);
  const all = defaultDir ? [0, ...rest] : rest;
  return previous === undefined ? all : [previous, ...all.filter((i) => i !== previous)];
}

export interface ClaimView {
  /** The dir named in the claim file. */
  owner: string;
  ownerExists: boolean;
  /** rangeIndex in the owner's cluster.json, if it has one yet (it may be starting right now). */
  ownerIndex?: number;
}

export function isStaleClaim(index: number, claim: ClaimView, claimant: string): boolean {
  if (claim.owner === claimant) return true; // our own claim from an earlier `up`
  if (!claim.ownerExists) return true;
  return claim.ownerIndex !== undefined && claim.ownerIndex !== index;
}

const LOCK_STALE_MS = 10_000;

export class RangeRegistry {
  constructor(readonly dir: string) {}

  /** Claims the first available candidate for `clusterDir` and returns it. */
  async claim(clusterDir: string, candidates: number[]): Promise<number> {
    return this.locked(() => {
      for (const i of candidates) {
        const view = this.view(i);
        if (view && !isStaleClaim(i, view, clusterDir)) continue;
        writeFileSync(this.file(i), clusterDir + '\n');
        return i;
      }
      throw new Error(`all ${RANGE_INDEX_COUNT - 1} address ranges are in use by other kubelab clusters (registry ${this.dir})`);
    });
  }

  /** Gives the index back, if `clusterDir` still holds it. */
  async release(clusterDir: string, index: number): Promise<void> {
    await this.locked(() => {
      if (this.view(index)?.owner === clusterDir) unlinkSync(this.file(index));
    });
  }

  private file(i: number): string {
    return join(this.dir, String(i));
  }

  private view(i: number): ClaimView | undefined {
    let owner: string;
    try {
      owner = readFileSync(this.file(i), 'utf8').trim();
    } catch {
      return undefined;
    }
    return { owner, ownerExists: existsSync(owner), ownerIndex: readIndex(join(owner, 'cluster.json')) };
  }

  private async locked<T>(fn: () => T): Promise<T> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const lock = join(this.dir, '.lock');
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch {
        // A lock left by a crashed `up` would block everyone for ever: treat an old one as abandoned.
        if (Date.now() - lockAge(lock) > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    try {
      return fn();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function lockAge(lock: string): number {
  try {
    return statSync(lock).mtimeMs;
  } catch {
    return Date.now();
  }
}

function readIndex(configPath: string): number | undefined {
  try {
    const i = (JSON.parse(readFileSync(configPath, 'utf8')) as { rangeIndex?: unknown }).rangeIndex;
    return typeof i === 'number' ? i : undefined;
  } catch {
    return undefined;
  }
}
