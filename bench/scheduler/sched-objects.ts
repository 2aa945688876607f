/**
 * The pure parts of the scheduler benchmark: the hand-made Nodes (Ready, roomy, as a kubelet would
 * register them, but with no kubelet behind them), the pods with small requests, reading a binding
 * off a watch event, and the throughput arithmetic.
 *
 *   fakeNode('bench-node-1', { cpu: '32', memory: '128Gi', pods: 250 })   → a Node with status Ready
 *   benchPod('p-1', { cpu: '10m', memory: '16Mi' })                         → a Pod with requests, no nodeName
 *   boundNode(watchEvent)       → { name, nodeName } once the pod has a node, else undefined
 *   throughput(n, firstMs, lastMs) → pods per second over [first create, last bound]
 *   spread(bindings)            → pods per node, sorted by node name
 */

export interface NodeSize {
  cpu: string;
  memory: string;
  pods: number;
}

export function fakeNode(name: string, size: NodeSize, now: Date = new Date()): object {
  const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z'); // metav1.Time has second precision
  const resources = { cpu: size.cpu, memory: size.memory, pods: String(size.pods) };
  const condition = (type: string, status: string, reason: string) => ({ type, status, reason, message: reason, lastHeartbeatTime: at, lastTransitionTime: at });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubelab.dev/bench': 'fake' } },
    spec: {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
        condition('Ready', 'True', 'KubeletReady'),
      ],
    },
  };
}

export function benchPod(name: string, requests: { cpu: string; memory: string }): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench-scheduler' } },
    spec: { containers: [{ name: 'c', image: 'nginxdemos/hello:plain-text', resources: { requests } }] },
  };
}

/** The pod of an ADDED/MODIFIED watch event, once spec.nodeName is set (what pods/binding writes). */
export function boundNode(event: unknown): { name: string; nodeName: string } | undefined {
  const e = event as { type?: string; object?: { metadata?: { name?: string }; spec?: { nodeName?: string } } } | null;
  if (!e || (e.type !== 'ADDED' && e.type !== 'MODIFIED')) return undefined;
  const name = e.object?.metadata?.name;
  const nodeName = e.object?.spec?.nodeName;
  return name && nodeName ? { name, nodeName } : undefined;
}

export function throughput(n: number, firstMs: number, lastMs: number): number {
  const span = lastMs - firstMs;
  return n > 0 && span > 0 ? (n * 1000) / span : NaN;
}

export function spread(bindings: ReadonlyMap<string, string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const node of bindings.values()) counts.set(node, (counts.get(node) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
}
