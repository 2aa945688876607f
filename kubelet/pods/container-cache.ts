/**
 * The kubelet's picture of its containers (the PLEG and runtime cache in one): every container the
 * runtime has, by id and by pod. Filled at start from `listContainers()`, which is how a restarted
 * kubelet re-adopts the containers it left running (same ids, pids and restartCounts: nothing is
 * started twice). Each running container is monitored; when it ends, its final state is read back and
 * `onExit` wakes the pod's worker.
 */
import type { ContainerRuntime, RuntimeContainer } from '../runtime-port.js';

export class ContainerCache {
  private readonly byId = new Map<string, RuntimeContainer>();
  private readonly monitors = new Map<string, () => void>();

  constructor(private readonly runtime: ContainerRuntime, private readonly onExit: (c: RuntimeContainer) => void) {}

  /** Loads what the runtime has; returns it. */
  async adopt(): Promise<RuntimeContainer[]> {
    const all = await this.runtime.listContainers();
    for (const c of all) this.add(c);
    return all;
  }

  forPod(uid: string): RuntimeContainer[] {
    return [...this.byId.values()].filter((c) => c.podUID === uid);
  }

  all(): RuntimeContainer[] {
    return [...this.byId.values()];
  }

  get(id: string): RuntimeContainer | undefined {
    return this.byId.get(id);
  }

  add(c: RuntimeContainer): void {
    this.byId.set(c.id, c);
    if (c.state !== 'exited' && !this.monitors.has(c.id)) this.watch(c.id);
  }

  forget(id: string): void {
    this.monitors.get(id)?.();
    this.monitors.delete(id);
    this.byId.delete(id);
  }

  /** Stops monitoring (kubelet shutdown); the containers keep running. */
  close(): void {
    for (const stop of this.monitors.values()) stop();
    this.monitors.clear();
  }

  private watch(id: string): void {
    const stop = this.runtime.monitor(id, () => {
      this.monitors.delete(id);
      void this.refresh(id);
    });
    this.monitors.set(id, stop);
  }

  /**
   * Reads a container's state afresh, e.g. once a stop returned, so the kubelet does not act on a
   * container it already knows ended while the monitor has yet to say so. `onExit` fires once per end.
   */
  async refresh(id: string): Promise<void> {
    const fresh = await this.runtime.inspectContainer(id).catch(() => undefined);
    const known = this.byId.get(id);
    if (!known || known.state === 'exited') return;
    if (fresh && fresh.state !== 'exited') return;
    // A container gone without a trace (its directory removed) is recorded as killed.
    const ended: RuntimeContainer = fresh ?? { ...known, state: 'exited', exitCode: 137, reason: 'Error', finishedAt: new Date().toISOString() };
    this.byId.set(id, ended);
    this.onExit(ended);
  }
}
