/**
 * The node's heartbeat Lease (kube-node-lease/<node>), as the kubelet's lease controller writes it:
 * holderIdentity the node name, leaseDurationSeconds (40 by default), renewTime a MicroTime, and an
 * ownerReference to the Node so that deleting the Node deletes its Lease. Renewed every quarter of
 * its duration (10 s by default). Pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { formatMicroTime } from '../../lib/client/lease-decision.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export function nodeLease(nodeName: string, nodeUID: string | undefined, leaseDurationSeconds: number, now: number, existing?: KubeObject): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: {
      ...(existing?.metadata ?? {}),
      name: nodeName, namespace: NODE_LEASE_NAMESPACE,
      ...(nodeUID ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUID }] } : {}),
    },
    spec: { ...(existing?.spec ?? {}), holderIdentity: nodeName, leaseDurationSeconds, renewTime: formatMicroTime(now) },
  };
}

/** The lease controller's renew interval: a quarter of the duration (renewIntervalFraction 0.25). */
export function renewIntervalMs(leaseDurationSeconds: number): number {
  return leaseDurationSeconds * 250;
}
