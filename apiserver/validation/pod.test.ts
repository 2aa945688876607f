import { describe, expect, it } from 'vitest';
import { findKind } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { errorText } from './field-errors.js';
import { validateCreate } from './index.js';
import { container, pod } from './testing/builders.js';

const POD = findKind('v1', 'Pod')!;
const create = (o: KubeObject) => validateCreate(POD, o).map(errorText);
type Edit = (p: any) => void;
const c0 = 'spec.containers[0]';
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const probe = (handler: object, extra: object = {}) => ({ ...handler, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, ...extra });

function check(rows: [string, Edit, string[]][]) {
  it.each(rows)('%s', (_name, edit, want) => expect(create(pod(edit))).toEqual(want));
}

describe('a valid pod', () => {
  it('has no errors', () => expect(create(pod())).toEqual([]));
});

describe('containers', () => {
  check([
    ['none at all', (p) => { p.spec.containers = []; }, ['spec.containers: Required value']],
    ['name missing', (p) => { delete p.spec.containers[0].name; }, [`${c0}.name: Required value`]],
    ['name not a DNS label', (p) => { p.spec.containers[0].name = 'Web'; }, [`${c0}.name: Invalid value: "Web": ${LABEL}`]],
    ['names unique', (p) => { p.spec.containers.push(container('nginx', 'posquit0/doraemon:latest')); }, ['spec.containers[1].name: Duplicate value: "nginx"']],
    ['image required', (p) => { p.spec.containers[0].image = ''; }, [`${c0}.image: Required value`]],
    ['image untrimmed (pods only)', (p) => { p.spec.containers[0].image = ' nginx'; }, [`${c0}.image: Invalid value: " nginx": must not have leading or trailing whitespace`]],
    ['pull policy', (p) => { p.spec.containers[0].imagePullPolicy = 'Sometimes'; }, [`${c0}.imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`]],
    ['pull policy defaulted', (p) => { delete p.spec.containers[0].imagePullPolicy; }, [`${c0}.imagePullPolicy: Required value`]],
    ['termination message policy', (p) => { p.spec.containers[0].terminationMessagePolicy = 'Log'; }, [`${c0}.terminationMessagePolicy: Unsupported value: "Log": supported values: "File", "FallbackToLogsOnError"`]],
    ['restartPolicy on a regular container', (p) => { p.spec.containers[0].restartPolicy = 'Always'; }, [`${c0}.restartPolicy: Forbidden: may not be set for non-init containers`]],
  ]);
});

describe('ports', () => {
  const ports = (...list: object[]): Edit => (p) => { p.spec.containers[0].ports = list; };
  check([
    ['containerPort required', ports({ protocol: 'TCP' }), [`${c0}.ports[0].containerPort: Required value`]],
    ['containerPort range', ports({ containerPort: 70000, protocol: 'TCP' }), [`${c0}.ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`]],
    ['hostPort range', ports({ containerPort: 80, hostPort: -1, protocol: 'TCP' }), [`${c0}.ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive`]],
    ['protocol', ports({ containerPort: 80, protocol: 'HTTP' }), [`${c0}.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`]],
    ['protocol defaulted', ports({ containerPort: 80 }), [`${c0}.ports[0].protocol: Required value`]],
    ['name IANA_SVC_NAME', ports({ name: 'Web_1', containerPort: 80, protocol: 'TCP' }), [
      `${c0}.ports[0].name: Invalid value: "Web_1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
    ]],
    ['names unique', ports({ name: 'http', containerPort: 80, protocol: 'TCP' }, { name: 'http', containerPort: 81, protocol: 'TCP' }), [
      `${c0}.ports[1].name: Duplicate value: "http"`,
    ]],
  ]);

  it('finds host port clashes across containers', () => {
    const errs = create(pod((p) => {
      p.spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }];
      p.spec.containers.push({ ...container('debug'), ports: [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }] });
    }));
    expect(errs).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
  });

  it('requires hostPort == containerPort with hostNetwork', () => {
    const errs = create(pod((p) => { p.spec.hostNetwork = true; p.spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }]; }));
    expect(errs).toEqual([`${c0}.ports[0].hostPort: Invalid value: 8080: must match \`containerPort\` when \`hostNetwork\` is true`]);
  });
});

describe('env', () => {
  const env = (...list: object[]): Edit => (p) => { p.spec.containers[0].env = list; };
  check([
    ['name required', env({ value: 'x' }), [`${c0}.env[0].name: Required value`]],
    ['relaxed names accepted', env({ name: '1-odd.name', value: 'x' }), []],
    ['no =', env({ name: 'A=B' }), [`${c0}.env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`]],
    ['value and valueFrom', env({ name: 'A', value: 'x', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }), [
      `${c0}.env[0].valueFrom: Invalid value: "": may not be specified when \`value\` is not empty`,
    ]],
    ['downward API paths', env({ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.phase' } } }), [
      `${c0}.env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`,
    ]],
    ['configMapKeyRef key', env({ name: 'A', valueFrom: { configMapKeyRef: { name: 'settings' } } }), [`${c0}.env[0].valueFrom.configMapKeyRef.key: Required value`]],
    ['envFrom needs a source', (p) => { p.spec.containers[0].envFrom = [{ prefix: 'X_' }]; }, [`${c0}.envFrom: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``]],
  ]);
});

describe('pod-level fields', () => {
  check([
    ['restartPolicy', (p) => { p.spec.restartPolicy = 'Sometimes'; }, ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ['dnsPolicy', (p) => { p.spec.dnsPolicy = 'Google'; }, ['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
    ['grace period defaulted', (p) => { delete p.spec.terminationGracePeriodSeconds; }, ['spec.terminationGracePeriodSeconds: Required value']],
    ['negative grace period is accepted by v1.32', (p) => { p.spec.terminationGracePeriodSeconds = -1; }, []],
    ['activeDeadlineSeconds', (p) => { p.spec.activeDeadlineSeconds = 0; }, ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
    ['nodeSelector keys', (p) => { p.spec.nodeSelector = { 'disk type': 'ssd' }; }, [
      "spec.nodeSelector: Invalid value: \"disk type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]],
    ['hostname', (p) => { p.spec.hostname = 'Web'; }, [`spec.hostname: Invalid value: "Web": ${LABEL}`]],
  ]);
});

describe('resources', () => {
  const res = (r: object): Edit => (p) => { p.spec.containers[0].resources = r; };
  check([
    ['requests within limits', res({ requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '0.5', memory: '128Mi' } }), []],
    ['requests above limits, in canonical form', res({ requests: { cpu: '1000m' }, limits: { cpu: '0.5' } }), [
      `${c0}.resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m`,
    ]],
    ['negative', res({ limits: { memory: '-1Gi' } }), [`${c0}.resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0`]],
    ['not a quantity', res({ limits: { cpu: 'lots' } }), [
      `${c0}.resources.limits[cpu]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]],
    ['unknown resource name', res({ limits: { gpu: '1' } }), [
      `${c0}.resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified`,
      `${c0}.resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers`,
    ]],
    ['extended resources need a limit', res({ requests: { 'example.com/gpu': '1' } }), [
      `${c0}.resources.limits: Required value: Limit must be set for non overcommitable resources`,
    ]],
    ['extended resources need requests == limits', res({ requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } }), [
      `${c0}.resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2`,
    ]],
  ]);
});

describe('probes and hooks', () => {
  check([
    ['one handler only', (p) => { p.spec.containers[0].livenessProbe = probe({ exec: { command: ['true'] }, tcpSocket: { port: 80 } }); }, [
      `${c0}.livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type`,
    ]],
    ['a handler is required', (p) => { p.spec.containers[0].readinessProbe = probe({}); }, [`${c0}.readinessProbe: Required value: must specify a handler type`]],
    ['port numbers', (p) => { p.spec.containers[0].livenessProbe = probe({ httpGet: { path: '/', port: 0, scheme: 'HTTP' } }); }, [
      `${c0}.livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive`,
    ]],
    ['port names', (p) => { p.spec.containers[0].readinessProbe = probe({ tcpSocket: { port: 'web' } }); }, []],
    ['liveness succeeds once', (p) => { p.spec.containers[0].livenessProbe = probe({ tcpSocket: { port: 80 } }, { successThreshold: 2 }); }, [
      `${c0}.livenessProbe.successThreshold: Invalid value: 2: must be 1`,
    ]],
    ['negative timings', (p) => { p.spec.containers[0].readinessProbe = probe({ tcpSocket: { port: 80 } }, { periodSeconds: -5 }); }, [
      `${c0}.readinessProbe.periodSeconds: Invalid value: -5: must be greater than or equal to 0`,
    ]],
    ['sleep within the grace period', (p) => { p.spec.containers[0].lifecycle = { preStop: { sleep: { seconds: 60 } } }; }, [
      `${c0}.lifecycle.preStop.sleep: Invalid value: 60: must be greater than 0 and less than terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
    ]],
    ['init containers may not probe', (p) => { p.spec.initContainers = [{ ...container('init'), livenessProbe: probe({ tcpSocket: { port: 80 } }) }]; }, [
      'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]],
    ['init container names share the namespace', (p) => { p.spec.initContainers = [container('nginx')]; }, ['spec.initContainers[0].name: Duplicate value: "nginx"']],
  ]);
});

describe('tolerations and affinity', () => {
  const tol = (t: object): Edit => (p) => { p.spec.tolerations = [t]; };
  check([
    ['empty key needs Exists', tol({ operator: 'Equal', value: 'x' }), [
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ]],
    ['tolerationSeconds needs NoExecute', tol({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }), [
      "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    ]],
    ['Exists takes no value', tol({ key: 'k', operator: 'Exists', value: 'v' }), ["spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"]],
    ['effects', tol({ key: 'k', operator: 'Exists', effect: 'Never' }), [
      'spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]],
    ['node affinity needs terms', (p) => { p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }; }, [
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
    ]],
    ['node selector operators', (p) => {
      p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Is', values: ['a'] }] }] } } };
    }, ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator']],
    ['preferred weights', (p) => {
      p.spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } };
    }, ['spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100']],
  ]);

  it('requires a topologyKey on pod anti-affinity terms', () => {
    const errs = create(pod((p) => {
      p.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } } }] } };
    }));
    const at = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey';
    expect(errs[0]).toBe(`${at}: Required value: can not be empty`);
    expect(errs[1]).toBe(`${at}: Invalid value: "": name part must be non-empty`);
  });
});

describe('volumes', () => {
  check([
    ['mounts need a volume', (p) => { p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]; }, [`${c0}.volumeMounts[0].name: Not found: "data"`]],
    ['one source per volume', (p) => { p.spec.volumes = [{ name: 'data', emptyDir: {}, hostPath: { path: '/tmp' } }]; }, ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']],
    ['a source is required', (p) => { p.spec.volumes = [{ name: 'data' }]; }, ['spec.volumes[0]: Required value: must specify a volume type']],
    ['volume names unique', (p) => { p.spec.volumes = [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }]; }, ['spec.volumes[1].name: Duplicate value: "data"']],
    ['a valid mount', (p) => { p.spec.volumes = [{ name: 'data', emptyDir: {} }]; p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]; }, []],
  ]);
});
