import { describe, expect, it } from 'vitest';
import { configMapPrinter } from './config-map.js';
import { daemonSetPrinter } from './daemon-set.js';
import { deploymentPrinter } from './deployment.js';
import { leasePrinter } from './lease.js';
import { namespacePrinter } from './namespace.js';
import { replicaSetPrinter } from './replica-set.js';
import { replicationControllerPrinter } from './replication-controller.js';
import { NOW, makeObject } from './testing/builders.js';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }, { name: 'debug', image: 'posquit0/doraemon' }] } };

describe('replicasets', () => {
  it('prints desired/current/ready and the wide template columns', () => {
    const rs = makeObject('apps/v1', 'ReplicaSet', 'web-5d9c', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d9c' } }, template },
      status: { replicas: 3, readyReplicas: 2 },
    });
    expect(replicaSetPrinter.printRow(rs, NOW).cells).toEqual([
      'web-5d9c', 3, 3, 2, '10m', 'nginx,debug', 'nginxdemos/hello:plain-text,posquit0/doraemon', 'app=web,pod-template-hash=5d9c',
    ]);
  });

  it.each<[string, Record<string, unknown>, unknown[]]>([
    ['replicas defaulted to 1, empty status', { spec: { selector: {} } }, [1, 0, 0, '<none>']],
    ['scaled to zero', { spec: { replicas: 0, selector: { matchLabels: { a: 'b' } } } }, [0, 0, 0, 'a=b']],
    ['invalid selector', { spec: { replicas: 1, selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } } }, [1, 0, 0, '<error>']],
  ])('%s', (_name, fields, want) => {
    const cells = replicaSetPrinter.printRow(makeObject('apps/v1', 'ReplicaSet', 'rs', fields), NOW).cells;
    expect([cells[1], cells[2], cells[3], cells[7]]).toEqual(want);
  });
});

describe('replicationcontrollers', () => {
  it('prints a map selector like labels', () => {
    const rc = makeObject('v1', 'ReplicationController', 'legacy', { spec: { replicas: 2, selector: { app: 'web' }, template }, status: { replicas: 2, readyReplicas: 2 } });
    expect(replicationControllerPrinter.printRow(rc, NOW).cells).toEqual([
      'legacy', 2, 2, 2, '10m', 'nginx,debug', 'nginxdemos/hello:plain-text,posquit0/doraemon', 'app=web',
    ]);
  });

  it('survives a missing template and selector', () => {
    expect(replicationControllerPrinter.printRow(makeObject('v1', 'ReplicationController', 'rc', { spec: {} }), NOW).cells).toEqual(['rc', 1, 0, 0, '10m', '', '', '<none>']);
  });
});

describe('deployments', () => {
  it('prints Ready as ready/desired and the selector string', () => {
    const d = makeObject('apps/v1', 'Deployment', 'rolling', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'rolling' } }, template },
      status: { replicas: 4, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 },
    });
    expect(deploymentPrinter.printRow(d, NOW).cells).toEqual([
      'rolling', '2/3', 1, 2, '10m', 'nginx,debug', 'nginxdemos/hello:plain-text,posquit0/doraemon', 'app=rolling',
    ]);
  });

  it.each<[string, unknown, string]>([
    ['empty selector prints nothing (not <none>)', {}, ''],
    ['invalid selector', { matchExpressions: [{ key: 'a', operator: 'In' }] }, '<invalid>'],
  ])('%s', (_name, selector, want) => {
    const cells = deploymentPrinter.printRow(makeObject('apps/v1', 'Deployment', 'd', { spec: { selector } }), NOW).cells;
    expect([cells[1], cells[7]]).toEqual(['0/1', want]);
  });
});

describe('daemonsets', () => {
  it('prints the status counters and the node selector', () => {
    const ds = makeObject('apps/v1', 'DaemonSet', 'proxy', {
      spec: { selector: { matchLabels: { app: 'proxy' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'p', image: 'proxy:1' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 1, numberAvailable: 2 },
    });
    expect(daemonSetPrinter.printRow(ds, NOW).cells).toEqual(['proxy', 3, 3, 2, 1, 2, 'kubernetes.io/os=linux', '10m', 'p', 'proxy:1', 'app=proxy']);
    expect(daemonSetPrinter.printRow(makeObject('apps/v1', 'DaemonSet', 'bare'), NOW).cells).toEqual(['bare', 0, 0, 0, 0, 0, '<none>', '10m', '', '', '<none>']);
  });
});

describe('small printers', () => {
  it('namespaces print their phase', () => {
    expect(namespacePrinter.printRow(makeObject('v1', 'Namespace', 'default', { status: { phase: 'Active' } }), NOW).cells).toEqual(['default', 'Active', '10m']);
    expect(namespacePrinter.printRow(makeObject('v1', 'Namespace', 'gone', { status: { phase: 'Terminating' } }), NOW).cells[1]).toBe('Terminating');
  });

  it('configmaps count data and binaryData keys', () => {
    const cm = makeObject('v1', 'ConfigMap', 'cfg', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } });
    expect(configMapPrinter.printRow(cm, NOW).cells).toEqual(['cfg', 3, '10m']);
    expect(configMapPrinter.printRow(makeObject('v1', 'ConfigMap', 'empty'), NOW).cells).toEqual(['empty', 0, '10m']);
  });

  it('leases show their holder', () => {
    const lease = makeObject('coordination.k8s.io/v1', 'Lease', 'kube-scheduler', { spec: { holderIdentity: 'scheduler-1_abc', leaseDurationSeconds: 15 } });
    expect(leasePrinter.printRow(lease, NOW).cells).toEqual(['kube-scheduler', 'scheduler-1_abc', '10m']);
    expect(leasePrinter.printRow(makeObject('coordination.k8s.io/v1', 'Lease', 'free', { spec: {} }), NOW).cells[1]).toBe('');
  });
});
