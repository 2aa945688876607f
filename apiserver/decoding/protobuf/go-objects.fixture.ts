/**
 * Test fixtures: one object per body kind, written as Go's encoding/json writes it (fields without
 * `omitempty` present even when zero), and using as many of the tables' message types as a plausible
 * object would: probes, env sources, quantities, volumes, affinity, times, IntOrStrings.
 */
type Json = Record<string, unknown>;

const meta = (name: string, extra: Json = {}): Json => ({
  name, namespace: 'default', uid: '6f1c-11', resourceVersion: '42', generation: 3,
  creationTimestamp: '2024-05-06T07:08:09Z', labels: { app: name }, annotations: { note: 'x' },
  ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u-1', controller: true, blockOwnerDeletion: false }],
  finalizers: ['f/1'],
  ...extra,
});

const container: Json = {
  name: 'web', image: 'nginxdemos/hello:plain-text', command: ['/bin/sh', '-c'], args: ['serve'], workingDir: '/srv',
  ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }, { containerPort: 9090, hostPort: 19090, hostIP: '127.0.0.1', protocol: 'UDP' }],
  envFrom: [{ prefix: 'CM_', configMapRef: { name: 'cfg', optional: false } }, { secretRef: { name: 'sec' } }],
  env: [
    { name: 'PLAIN', value: 'v' },
    { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'CPU', valueFrom: { resourceFieldRef: { containerName: 'web', resource: 'limits.cpu', divisor: '1m' } } },
    { name: 'KEY', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k', optional: true } } },
    { name: 'PW', valueFrom: { secretKeyRef: { name: 'sec', key: 'pw' } } },
  ],
  resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0.1', memory: '64Mi' } },
  volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true, subPath: 'sub' }],
  livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X', value: 'y' }] }, initialDelaySeconds: 3, periodSeconds: 5 },
  readinessProbe: { tcpSocket: { port: 80 }, failureThreshold: 2, terminationGracePeriodSeconds: 0 },
  startupProbe: { exec: { command: ['true'] } },
  lifecycle: { preStop: { sleep: { seconds: 2 } }, postStart: { exec: { command: ['echo'] } } },
  terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
  securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
  stdin: true, tty: true,
};

const podSpec: Json = {
  volumes: [
    { name: 'data', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
    { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'k', path: 'p', mode: 420 }], defaultMode: 292 } },
    { name: 'sec', secret: { secretName: 'sec', optional: true } },
    { name: 'host', hostPath: { path: '/tmp', type: 'Directory' } },
    { name: 'claim', persistentVolumeClaim: { claimName: 'pvc' } },
    { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
  ],
  initContainers: [{ name: 'init', image: 'busybox', resources: {} }],
  containers: [container],
  restartPolicy: 'Always', terminationGracePeriodSeconds: 0, dnsPolicy: 'ClusterFirst',
  nodeSelector: { disk: 'ssd' }, serviceAccountName: 'default', nodeName: 'node-1', hostNetwork: true,
  securityContext: { fsGroup: 2000, supplementalGroups: [1, 2], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
  imagePullSecrets: [{ name: 'regcred' }], hostname: 'h', subdomain: 's', schedulerName: 'default-scheduler',
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } }] },
  },
  tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo'] }], priority: 0, enableServiceLinks: false,
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
  readinessGates: [{ conditionType: 'example.com/ready' }], os: { name: 'linux' },
};

const template: Json = { metadata: { labels: { app: 'web' } }, spec: podSpec };
const selector: Json = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] };

/** `[resource, object]`: the object is the body of a create on that resource (or subresource). */
export const GO_OBJECTS: [string, Json][] = [
  ['pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: meta('web', { deletionGracePeriodSeconds: 30 }), spec: podSpec,
    status: {
      phase: 'Running', hostIP: '127.0.0.1', podIP: '127.244.0.5', podIPs: [{ ip: '127.244.0.5' }], startTime: '2024-05-06T07:08:10Z', qosClass: 'Burstable',
      conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-06T07:08:12Z' }],
      containerStatuses: [{ name: 'web', state: { running: { startedAt: '2024-05-06T07:08:11Z' } }, lastState: {}, ready: true, restartCount: 0, image: 'nginxdemos/hello:plain-text', imageID: 'sha256:1', containerID: 'kubelab://1', started: true }],
    },
  }],
  ['deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'),
    spec: { replicas: 0, selector, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, paused: true, minReadySeconds: 5 },
    status: { observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1, collisionCount: 0, conditions: [{ type: 'Available', status: 'True', lastUpdateTime: '2024-05-06T07:08:09Z', lastTransitionTime: '2024-05-06T07:08:09Z', reason: 'MinimumReplicasAvailable', message: 'ok' }] },
  }],
  ['replicasets', {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('web-1'),
    spec: { replicas: 3, selector, template },
    status: { replicas: 0, observedGeneration: 1, conditions: [{ type: 'ReplicaFailure', status: 'False' }] },
  }],
  ['daemonsets', {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('agent'),
    spec: { selector, template, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 },
    status: { currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 0 },
  }],
  ['replicationcontrollers', {
    apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('rc'),
    spec: { replicas: 1, selector: { app: 'web' }, template }, status: { replicas: 1, fullyLabeledReplicas: 1 },
  }],
  ['services', {
    apiVersion: 'v1', kind: 'Service', metadata: meta('svc'),
    spec: {
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }, { name: 'zero', protocol: 'UDP', port: 53, targetPort: 0, appProtocol: 'dns' }],
      selector: { app: 'web' }, clusterIP: '127.96.0.10', clusterIPs: ['127.96.0.10'], type: 'NodePort', sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, externalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true,
    },
    status: { loadBalancer: { ingress: [{ ip: '127.0.0.9', ipMode: 'VIP', ports: [{ port: 80, protocol: 'TCP', error: 'none' }] }] } },
  }],
  ['endpoints', {
    apiVersion: 'v1', kind: 'Endpoints', metadata: meta('svc'),
    subsets: [{ addresses: [{ ip: '127.244.0.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u-2' } }], notReadyAddresses: [{ ip: '127.244.0.6', hostname: 'h' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
  }],
  ['events', {
    apiVersion: 'v1', kind: 'Event', metadata: meta('web.17a'),
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u-2', apiVersion: 'v1', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled', message: 'pulled', source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2024-05-06T07:08:09Z', lastTimestamp: '2024-05-06T07:09:09Z', count: 2, type: 'Normal',
    eventTime: '2024-05-06T07:08:09.123456Z', series: { count: 2, lastObservedTime: '2024-05-06T07:09:09.000001Z' },
    reportingComponent: '', reportingInstance: '',
  }],
  ['configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg'), immutable: false, data: { 'a.txt': 'hello\nworld', empty: '' }, binaryData: { bin: 'AAEC/w==' } }],
  ['namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tour', labels: { team: 'a' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active', conditions: [{ type: 'NamespaceDeletionDiscoveryFailure', status: 'False', lastTransitionTime: '2024-05-06T07:08:09Z', reason: 'ResourcesDiscovered' }] } }],
  ['nodes', {
    apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: { podCIDR: '127.244.1.0/24', podCIDRs: ['127.244.1.0/24'], taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule', timeAdded: '2024-05-06T07:08:09Z' }] },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '3800m', memory: '7Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2024-05-06T07:08:09Z', lastTransitionTime: '2024-05-06T07:08:09Z', reason: 'KubeletReady', message: 'ready' }],
      addresses: [{ type: 'InternalIP', address: '127.0.0.2' }], daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
      nodeInfo: { machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: 'k', osImage: 'o', containerRuntimeVersion: 'kubelab://1', kubeletVersion: 'v1.32.0', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64' },
      images: [{ names: ['nginxdemos/hello:plain-text'], sizeBytes: 9007199254740993 }],
    },
  }],
  ['endpointslices', {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('svc-abc'), addressType: 'IPv4',
    endpoints: [{ addresses: ['127.244.0.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1', zone: 'a', targetRef: { kind: 'Pod', name: 'web' }, hints: { forZones: [{ name: 'a' }] } }],
    ports: [{ name: 'http', protocol: 'TCP', port: 80 }, { name: '', port: 0 }],
  }],
  ['leases', {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta('kube-scheduler'),
    spec: { holderIdentity: 'scheduler-1', leaseDurationSeconds: 15, acquireTime: '2024-05-06T07:08:09.000000Z', renewTime: '2024-05-06T07:08:19.500000Z', leaseTransitions: 0 },
  }],
];

/** `[resource, subresource, object]` for subresource bodies. */
export const GO_SUBRESOURCE_OBJECTS: [string, string, Json][] = [
  ['pods', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } }],
  ['deployments', 'scale', { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 5 }, status: { replicas: 2, selector: 'app=web' } }],
  ['pods', 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0, preconditions: { uid: 'u-2' }, dryRun: ['All'] } }],
];
