/**
 * Test fixtures: request bodies the real kubectl v1.32.4 sent, recorded by a logging proxy in front of
 * a kubelab apiserver (`Content-Type: application/vnd.kubernetes.protobuf`), next to the JSON the same
 * command prints with `--dry-run=client -o json`, which is what a JSON client would have sent.
 */

export interface KubectlBody {
  command: string;
  resource: string;
  protobufHex: string;
  json: Record<string, unknown>;
}

export const KUBECTL_BODIES: KubectlBody[] = [
  {
    command: 'kubectl create namespace demo',
    resource: 'namespaces',
    protobufHex:
      '6b3873000a0f0a02763112094e616d657370616365121c0a140a0464656d6f12001a0022002a0032003800420012001a020a001a002200',
    json: { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'demo', creationTimestamp: null }, spec: {}, status: {} },
  },
  {
    command: 'kubectl create configmap cm1 --from-literal=a=b -n default',
    resource: 'configmaps',
    protobufHex:
      '6b3873000a0f0a0276311209436f6e6669674d617012240a1a0a03636d3112001a0764656661756c7422002a0032003800420012060a01611201621a002200',
    json: {
      kind: 'ConfigMap', apiVersion: 'v1',
      metadata: { name: 'cm1', namespace: 'default', creationTimestamp: null },
      data: { a: 'b' },
    },
  },
  {
    command: 'kubectl create deployment hello --image nginxdemos/hello:plain-text --replicas 2',
    resource: 'deployments',
    protobufHex:
      '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412ca010a230a0568656c6c6f12001a0022002a00320038004200' +
      '5a0c0a03617070120568656c6c6f1294010802120e0a0c0a03617070120568656c6c6f1a780a1e0a0012001a0022002a0032003800' +
      '42005a0c0a03617070120568656c6c6f125612380a0568656c6c6f121b6e67696e7864656d6f732f68656c6c6f3a706c61696e2d74' +
      '6578742a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c201002202' +
      '0a00280038001a0c0800100018002000280038001a002200',
    json: {
      kind: 'Deployment', apiVersion: 'apps/v1',
      metadata: { name: 'hello', creationTimestamp: null, labels: { app: 'hello' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'hello' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'hello' } },
          spec: { containers: [{ name: 'hello', image: 'nginxdemos/hello:plain-text', resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    },
  },
  {
    command: 'kubectl create service clusterip hello --tcp=8080:80',
    resource: 'services',
    protobufHex:
      '6b3873000a0d0a027631120753657276696365126f0a230a0568656c6c6f12001a0022002a003200380042005a0c0a036170701205' +
      '68656c6c6f12440a1b0a07383038302d3830120354435018903f2206080010501a002800120c0a03617070120568656c6c6f1a0022' +
      '09436c757374657249503a00420052005a00600068001a020a001a002200',
    json: {
      kind: 'Service', apiVersion: 'v1',
      metadata: { name: 'hello', creationTimestamp: null, labels: { app: 'hello' } },
      spec: {
        ports: [{ name: '8080-80', protocol: 'TCP', port: 8080, targetPort: 80 }],
        selector: { app: 'hello' },
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
  },
];
