/**
 * The probe workers of one pod (the probe manager's share for a pod): one worker per probe kind per
 * running container instance, created when the instance is seen running and stopped when it is not
 * any more. Results land in the pod's memory (`probes[containerId]`), and a change wakes the pod
 * worker, which then restarts the container (liveness, startup) or flips `ready` in the status.
 */
import type { RuntimeContainer } from '../runtime-port.js';
import type { PodMemory, ProbeResult } from '../pods/pod-memory.js';
import { instancesOf } from '../pods/runtime-view.js';
import type { Container, Pod } from '../pods/types.js';
import { parseTime } from '../util/time.js';
import { runProbe, type ExecRunner } from './prober.js';
import type { ProbeKind } from './probe-state.js';
import { ProbeWorker } from './probe-worker.js';

export interface PodProberDeps {
  memory: PodMemory;
  /** A result changed: the pod should be synced. */
  onChange(): void;
  unhealthy(pod: Pod, container: string, kind: ProbeKind, output: string): void;
  execFor(instance: RuntimeContainer, spec: Container): ExecRunner;
  now(): number;
}

const KINDS: ProbeKind[] = ['startup', 'liveness', 'readiness'];

export class PodProber {
  private readonly workers = new Map<string, ProbeWorker>();

  constructor(private readonly deps: PodProberDeps) {}

  /** Starts workers for running containers with probes; stops those of instances no longer running. */
  sync(pod: Pod, containers: readonly RuntimeContainer[], podIP: string | undefined): void {
    const wanted = new Set<string>();
    if (podIP && !pod.metadata.deletionTimestamp) {
      for (const spec of pod.spec.containers) {
        const latest = instancesOf(containers, spec.name)[0];
        if (latest?.state !== 'running') continue;
        for (const kind of KINDS) {
          const probe = spec[`${kind}Probe`];
          if (!probe) continue;
          const key = `${latest.id}/${kind}`;
          wanted.add(key);
          if (!this.workers.has(key)) this.startWorker(key, kind, pod, spec, latest, podIP);
        }
      }
    }
    for (const [key, worker] of this.workers) {
      if (wanted.has(key)) continue;
      worker.stop();
      this.workers.delete(key);
    }
    this.forgetGone(containers);
  }

  stop(): void {
    for (const w of this.workers.values()) w.stop();
    this.workers.clear();
  }

  private startWorker(key: string, kind: ProbeKind, pod: Pod, spec: Container, instance: RuntimeContainer, podIP: string): void {
    const { deps } = this;
    const exec = deps.execFor(instance, spec);
    const worker = new ProbeWorker(kind, spec[`${kind}Probe`]!, parseTime(instance.startedAt) ?? deps.now(), {
      run: (probe, timeoutMs) => runProbe(probe, { podIP, container: spec, exec }, timeoutMs),
      report: (k, result) => this.report(instance.id, k, result),
      unhealthy: (k, output) => deps.unhealthy(pod, spec.name, k, output),
      started: () => !spec.startupProbe || deps.memory.probes[instance.id]?.startup === 'success',
      now: deps.now,
    });
    this.workers.set(key, worker);
    worker.start();
  }

  private report(id: string, kind: ProbeKind, result: ProbeResult): void {
    const results = (this.deps.memory.probes[id] ??= {});
    if (results[kind] === result) return;
    results[kind] = result;
    this.deps.onChange();
  }

  /** Results of instances the runtime no longer has are dropped. */
  private forgetGone(containers: readonly RuntimeContainer[]): void {
    const ids = new Set(containers.map((c) => c.id));
    for (const id of Object.keys(this.deps.memory.probes)) if (!ids.has(id)) delete this.deps.memory.probes[id];
  }
}
