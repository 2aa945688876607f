import { describe, expect, it } from 'vitest';
import { findResource } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { deletedResponse, planDeletion, readyToRemove } from './deletion-plan.js';

const PODS = findResource('', 'v1', 'pods')!;
const DEPLOYMENTS = findResource('apps', 'v1', 'deployments')!;
const NAMESPACES = findResource('', 'v1', 'namespaces')!;
const now = new Date('2026-01-01T00:00:00Z');

function pod(over: { nodeName?: string; phase?: string; grace?: number; deletion?: string; graceSet?: number; finalizers?: string[] } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'hello', namespace: 'default', finalizers: over.finalizers, deletionTimestamp: over.deletion, deletionGracePeriodSeconds: over.graceSet },
    spec: { nodeName: over.nodeName, terminationGracePeriodSeconds: over.grace ?? 30, containers: [] },
    status: { phase: over.phase ?? 'Running' },
  };
}

describe('planDeletion', () => {
  it('removes an unbound pod at once', () => {
    expect(planDeletion(PODS, pod(), {}, now)).toEqual({ action: 'remove' });
  });
  it('marks a bound pod with its grace period', () => {
    const plan = planDeletion(PODS, pod({ nodeName: 'node-1' }), {}, now);
    expect(plan.action).toBe('mark');
    if (plan.action !== 'mark') return;
    expect(plan.object.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(plan.object.metadata.deletionGracePeriodSeconds).toBe(30);
  });
  it('honours an explicit grace period, and 0 removes at once', () => {
    const p = planDeletion(PODS, pod({ nodeName: 'node-1' }), { gracePeriodSeconds: 5 }, now);
    expect(p.action === 'mark' && p.object.metadata.deletionGracePeriodSeconds).toBe(5);
    expect(planDeletion(PODS, pod({ nodeName: 'node-1' }), { gracePeriodSeconds: 0 }, now)).toEqual({ action: 'remove' });
  });
  it('removes finished pods at once even when bound', () => {
    expect(planDeletion(PODS, pod({ nodeName: 'n', phase: 'Succeeded' }), {}, now)).toEqual({ action: 'remove' });
  });
  it('leaves a pod already being deleted alone unless the grace period shrinks', () => {
    const deleting = pod({ nodeName: 'n', deletion: '2026-01-01T00:00:30Z', graceSet: 30 });
    expect(planDeletion(PODS, deleting, {}, now)).toEqual({ action: 'unchanged' });
    expect(planDeletion(PODS, deleting, { gracePeriodSeconds: 0 }, now)).toEqual({ action: 'remove' });
  });
  it('keeps objects with finalizers, adding the propagation policy finalizer', () => {
    const d: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: {} };
    expect(planDeletion(DEPLOYMENTS, d, {}, now)).toEqual({ action: 'remove' });
    const fg = planDeletion(DEPLOYMENTS, d, { propagationPolicy: 'Foreground' }, now);
    expect(fg.action === 'mark' && fg.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    const orphan = planDeletion(DEPLOYMENTS, d, { propagationPolicy: 'Orphan' }, now);
    expect(orphan.action === 'mark' && orphan.object.metadata.finalizers).toEqual(['orphan']);
  });
  it('puts a namespace into Terminating', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    const plan = planDeletion(NAMESPACES, ns, {}, now);
    expect(plan.action === 'mark' && plan.object.status.phase).toBe('Terminating');
  });
});

describe('readyToRemove', () => {
  it.each([
    [{ deletionTimestamp: 't', finalizers: [] }, true],
    [{ deletionTimestamp: 't', finalizers: ['x'] }, false],
    [{ deletionTimestamp: 't', deletionGracePeriodSeconds: 30 }, false],
    [{}, false],
  ])('%j → %s', (metadata, expected) => {
    expect(readyToRemove({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', ...metadata } })).toBe(expected);
  });
});

describe('deletedResponse', () => {
  const removed = (kind: string): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name: 'x', namespace: 'default', uid: 'u-1' } });
  it.each([
    ['pods', PODS, 'Pod'],
    ['namespaces', NAMESPACES, 'Namespace'],
    ['services', findResource('', 'v1', 'services')!, 'Service'],
  ])('answers with the deleted object for %s', (_name, info, kind) => {
    const obj = removed(kind);
    expect(deletedResponse(info, obj)).toBe(obj);
  });
  it.each([
    [findResource('', 'v1', 'configmaps')!, { name: 'x', kind: 'configmaps', uid: 'u-1' }],
    [DEPLOYMENTS, { name: 'x', group: 'apps', kind: 'deployments', uid: 'u-1' }],
    [findResource('coordination.k8s.io', 'v1', 'leases')!, { name: 'x', group: 'coordination.k8s.io', kind: 'leases', uid: 'u-1' }],
  ])('answers with a Success Status for $resource', (info, details) => {
    expect(deletedResponse(info, removed(info.kind))).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details });
  });
});
