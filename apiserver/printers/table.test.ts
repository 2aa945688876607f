import { describe, expect, it } from 'vitest';
import { RESOURCES, findResource, type ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { formatRFC3339 } from './default.js';
import { OBJECT_META } from './descriptions.js';
import { PRINTERS, printerFor } from './registry.js';
import { printTable } from './table.js';
import { NOW, makeObject, makePod } from './testing/builders.js';

function info(group: string, resource: string): ResourceInfo {
  const found = findResource(group, 'v1', resource);
  if (!found) throw new Error(`no resource ${group}/${resource}`);
  return found;
}

const PODS = info('', 'pods');

describe('printTable envelope', () => {
  const pod = makePod('hello').labels({ app: 'hello' }).onNode('node-1').ready().build();

  it('is a meta.k8s.io/v1 Table with the list resourceVersion and every column', () => {
    const table = printTable(PODS, [pod], { now: NOW, resourceVersion: '1004' });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '1004' });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(table.columnDefinitions[0]).toEqual({ name: 'Name', type: 'string', format: 'name', description: OBJECT_META.name, priority: 0 });
    expect(table.rows[0].cells).toEqual(['hello', '1/1', 'Running', '0', '10m', '<none>', 'node-1', '<none>', '<none>']);
    expect(printTable(PODS, [], { now: NOW }).metadata).toEqual({});
  });

  it('row object defaults to PartialObjectMetadata with the full metadata', () => {
    const [row] = printTable(PODS, [pod], { now: NOW }).rows;
    expect(row.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata });
    expect(printTable(PODS, [pod], { now: NOW, includeObject: 'Metadata' }).rows[0].object).toEqual(row.object);
  });

  it('includeObject=Object embeds the object, None leaves it out', () => {
    expect(printTable(PODS, [pod], { now: NOW, includeObject: 'Object' }).rows[0].object).toBe(pod);
    const none = printTable(PODS, [pod], { now: NOW, includeObject: 'None' }).rows[0];
    expect('object' in none).toBe(false);
    expect(JSON.parse(JSON.stringify(none))).toEqual({ cells: none.cells });
  });

  it('noHeaders sends [] for columnDefinitions but the same rows', () => {
    const withHeaders = printTable(PODS, [pod], { now: NOW });
    const without = printTable(PODS, [pod], { now: NOW, noHeaders: true });
    expect(without.columnDefinitions).toEqual([]);
    expect(without.rows).toEqual(withHeaders.rows);
  });

  it('keeps row order and adds row conditions for finished pods', () => {
    const done = makePod('job').phase('Succeeded').terminated('app', { exitCode: 0, reason: 'Completed' }).build();
    const rows = printTable(PODS, [pod, done], { now: NOW }).rows;
    expect(rows.map((r) => r.cells[0])).toEqual(['hello', 'job']);
    expect(Object.keys(rows[1])).toEqual(['cells', 'conditions', 'object']);
    expect('conditions' in rows[0]).toBe(false);
  });
});

describe('columns and priorities (what -o wide adds)', () => {
  const cases: [string, string, string[], string[]][] = [
    ['', 'pods', ['Name', 'Ready', 'Status', 'Restarts', 'Age'], ['IP', 'Node', 'Nominated Node', 'Readiness Gates']],
    ['', 'nodes', ['Name', 'Status', 'Roles', 'Age', 'Version'], ['Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']],
    ['', 'namespaces', ['Name', 'Status', 'Age'], []],
    ['', 'services', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'], ['Selector']],
    ['', 'endpoints', ['Name', 'Endpoints', 'Age'], []],
    ['', 'events', ['Last Seen', 'Type', 'Reason', 'Object', 'Message'], ['Subobject', 'Source', 'First Seen', 'Count', 'Name']],
    ['', 'configmaps', ['Name', 'Data', 'Age'], []],
    ['', 'replicationcontrollers', ['Name', 'Desired', 'Current', 'Ready', 'Age'], ['Containers', 'Images', 'Selector']],
    ['apps', 'replicasets', ['Name', 'Desired', 'Current', 'Ready', 'Age'], ['Containers', 'Images', 'Selector']],
    ['apps', 'deployments', ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'], ['Containers', 'Images', 'Selector']],
    ['apps', 'daemonsets', ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age'], ['Containers', 'Images', 'Selector']],
    ['discovery.k8s.io', 'endpointslices', ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'], []],
    ['coordination.k8s.io', 'leases', ['Name', 'Holder', 'Age'], []],
  ];
  it.each(cases)('%s %s', (group, resource, narrow, wide) => {
    const columns = printerFor(info(group, resource)).columns;
    expect(columns.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(narrow);
    expect(columns.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(wide);
  });

  it('registers a printer for every served resource, each printing exactly one cell per column', () => {
    expect(RESOURCES.every((r) => printerFor(r) !== printerFor({ group: 'example.com', resource: 'widgets' }))).toBe(true);
    expect(PRINTERS.size).toBe(RESOURCES.length);
    for (const r of RESOURCES) {
      const bare: KubeObject = { apiVersion: r.version, kind: r.kind, metadata: { name: 'x' } };
      const table = printTable(r, [bare], { now: NOW });
      expect(table.rows[0].cells).toHaveLength(table.columnDefinitions.length);
    }
  });

  it('uses the integer type where kubectl right-aligns counts', () => {
    const types = Object.fromEntries(printerFor(info('apps', 'replicasets')).columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ Desired: 'integer', Current: 'integer', Ready: 'integer', Age: 'string' });
    expect(printerFor(info('', 'pods')).columns.find((c) => c.name === 'Restarts')?.type).toBe('string');
  });
});

describe('generic fallback', () => {
  const widgets: ResourceInfo = { ...PODS, group: 'example.com', resource: 'widgets', kind: 'Widget' };

  it('prints Name and Created At (type date, RFC 3339 UTC, whole seconds)', () => {
    const obj = makeObject('example.com/v1', 'Widget', 'w1', {});
    obj.metadata.creationTimestamp = '2024-06-01T13:30:00.250+02:00';
    const table = printTable(widgets, [obj], { now: NOW });
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Created At', 'date', '', 0],
    ]);
    expect(table.rows[0].cells).toEqual(['w1', '2024-06-01T11:30:00Z']);
  });

  it('prints Go zero time when creationTimestamp is unset', () => {
    expect(formatRFC3339(undefined)).toBe('0001-01-01T00:00:00Z');
    expect(formatRFC3339(null)).toBe('0001-01-01T00:00:00Z');
  });
});
