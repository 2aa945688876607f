/**
 * The node's pod IP allocations, persisted under `--root-dir` (pod-ips.json) so that a restarted
 * kubelet gives its running pods the same IPs and never hands a live pod's IP to another. Writes are
 * atomic (write a temporary file, rename). The arithmetic is in ip-allocator.ts.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allocate, release, type AllocationState } from './ip-allocator.js';

export class PodIPStore {
  private state: AllocationState;
  private readonly file: string;

  constructor(rootDir: string, private readonly cidr: string, private readonly skip: readonly string[] = []) {
    this.file = join(rootDir, 'pod-ips.json');
    this.state = load(this.file);
  }

  get(uid: string): string | undefined {
    return this.state.pods[uid];
  }

  /** The pod's IP, allocating one if it has none; throws when the range is exhausted. */
  allocate(uid: string): string {
    const next = allocate(this.cidr, this.state, uid, this.skip);
    if (!next) throw new Error(`no free IP left in the pod CIDR ${this.cidr}`);
    if (next !== this.state) this.save(next);
    return next.pods[uid]!;
  }

  release(uid: string): void {
    if (this.state.pods[uid] !== undefined) this.save(release(this.state, uid));
  }

  /** uids holding an IP. */
  uids(): string[] {
    return Object.keys(this.state.pods);
  }

  private save(state: AllocationState): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.file);
    this.state = state;
  }
}

function load(file: string): AllocationState {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as AllocationState;
    return { pods: parsed.pods ?? {}, ...(parsed.last ? { last: parsed.last } : {}) };
  } catch {
    return { pods: {} };
  }
}
