/**
 * When `kubelab up` counts a kubelet as ready: what `kubectl get node node-K` shows as Ready, plus
 * proof that this very process is the one keeping it so. The Node alone is not enough: after
 * `kubelab kill kubelet-node-1; kubelab start kubelet-node-1` the Node stays Ready until the node
 * monitor grace period passes, although the new kubelet has done nothing yet. The kubelet renews its
 * Lease in kube-node-lease as soon as it has registered, with a microsecond renewTime, so a renewTime
 * at or after the process's start time tells the new kubelet from the old one. Pure.
 */

export type NodeVerdict = { ready: true } | { ready: false; reason: string };

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

interface NamedObject {
  metadata?: { name?: string };
  status?: { conditions?: Condition[] };
  spec?: { renewTime?: string };
}

/** `node` and `lease` as the apiserver returned them (undefined: 404). `since` is an ISO time. */
export function nodeReadiness(node: unknown, lease: unknown, since: string): NodeVerdict {
  const n = node as NamedObject | undefined;
  if (!n) return { ready: false, reason: 'the Node is not registered yet' };
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  if (!ready) return { ready: false, reason: 'the Node has no Ready condition yet' };
  if (ready.status !== 'True') {
    const why = [ready.reason, ready.message].filter(Boolean).join(': ');
    return { ready: false, reason: `the Node is not Ready (Ready=${ready.status ?? 'unset'}${why ? `, ${why}` : ''})` };
  }
  const renewTime = (lease as NamedObject | undefined)?.spec?.renewTime;
  if (!renewTime) return { ready: false, reason: 'the node Lease has not been renewed yet' };
  if (!(Date.parse(renewTime) >= Date.parse(since))) {
    return { ready: false, reason: `the node Lease was last renewed at ${renewTime}, before this kubelet started (${since})` };
  }
  return { ready: true };
}
