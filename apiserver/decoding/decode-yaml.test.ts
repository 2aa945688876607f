import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findKind, RESOURCES, type ResourceInfo } from '../../lib/api/resources.js';
import { ApiError } from '../../lib/errors.js';
import { decodeObject } from './decode-object.js';

const resource = (name: string): ResourceInfo => RESOURCES.find((r) => r.resource === name)!;
const yaml = (body: string, expected: ResourceInfo, fieldValidation?: string) =>
  decodeObject({ body, contentType: 'application/yaml', expected, fieldValidation });
const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    if (e instanceof ApiError) return `${e.code} ${e.message}`;
    throw e;
  }
  throw new Error('expected an ApiError');
};

// The YAML body of kube-apiserver's own field-validation integration test (test/integration/apiserver).
const INVALID_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dupename
  name: test-deployment
  unknownMeta: metaVal
  labels:
    app: nginx
spec:
  unknown1: val1
  unknownDupe: valDupe
  unknownDupe: valDupe2
  paused: true
  paused: false
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        unknownNested: val1
        imagePullPolicy: Always
        imagePullPolicy: Never`;

describe('YAML bodies', () => {
  const deployments = resource('deployments');

  it('Strict lists go-yaml duplicate keys first, then unknown fields in key order', () => {
    expect(messageOf(() => yaml(INVALID_DEPLOYMENT, deployments, 'Strict'))).toBe(`400 Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: yaml: unmarshal errors:
  line 5: key "name" already set in map
  line 12: key "unknownDupe" already set in map
  line 14: key "paused" already set in map
  line 28: key "imagePullPolicy" already set in map, unknown field "metadata.unknownMeta", unknown field "spec.template.spec.containers[0].unknownNested", unknown field "spec.unknown1", unknown field "spec.unknownDupe"`);
  });

  it('Warn splits the duplicate-key error into one warning per line and keeps the last values', () => {
    const { object, warnings } = yaml(INVALID_DEPLOYMENT, deployments);
    expect(warnings).toEqual([
      'line 5: key "name" already set in map', 'line 12: key "unknownDupe" already set in map',
      'line 14: key "paused" already set in map', 'line 28: key "imagePullPolicy" already set in map',
      'unknown field "metadata.unknownMeta"', 'unknown field "spec.template.spec.containers[0].unknownNested"',
      'unknown field "spec.unknown1"', 'unknown field "spec.unknownDupe"',
    ]);
    expect(object.metadata.name).toBe('test-deployment');
    expect(object.spec.paused).toBe(false);
    expect(object.spec.template.spec.containers[0].imagePullPolicy).toBe('Never');
  });

  it('Ignore accepts the same body silently', () => {
    expect(yaml(INVALID_DEPLOYMENT, deployments, 'Ignore').warnings).toEqual([]);
  });

  it('reads YAML 1.1 scalars as go-yaml does: yes/on are booleans, timestamps stay strings', () => {
    const pods = resource('pods');
    const body = 'kind: Pod\nmetadata:\n  name: p\n  annotations:\n    when: 2024-01-01T00:00:00Z\nspec:\n  hostNetwork: on\n  containers:\n  - name: c\n    env:\n    - name: A\n      value: yes\n';
    expect(messageOf(() => yaml(body, pods))).toBe('400 Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string');
    const ok = yaml(body.replace('value: yes', 'value: "yes"'), pods).object;
    expect(ok.metadata.annotations).toEqual({ when: '2024-01-01T00:00:00Z' });
    expect(ok.spec.hostNetwork).toBe(true);
  });

  it.each([
    ['a: b: c\n', 'yaml: mapping values are not allowed in this context', '613a20623a20630a'],
    ['kind: Pod\nmetadata: a: b\n', 'yaml: line 2: mapping values are not allowed in this context', '6b696e643a20506f640a6d657461646174613a20613a20620a'],
    ['kind: Pod\nspec:\n\tfoo: 1\n', 'yaml: line 3: found character that cannot start any token', '6b696e643a20506f640a737065633a0a09666f6f3a20310a'],
    ['kind: Pod\nmetadata:\n  name: a\n labels: {}\n', 'yaml: line 3: did not find expected key', '6b696e643a20506f640a6d657461646174613a0a20206e616d653a20610a ...'],
  ])('a syntax error in %j is the "unrecognized" 400', (body, cause, summary) => {
    expect(messageOf(() => yaml(body, resource('pods'))))
      .toBe(`400 the object provided is unrecognized (must be of type Pod): error converting YAML to JSON: ${cause} (${summary})`);
  });

  it('reads only the first document, and an empty body as an empty object of the URL kind', () => {
    expect(yaml('kind: Pod\nmetadata:\n  name: first\n---\nkind: Pod\nmetadata:\n  name: second\n', resource('pods')).object.metadata.name).toBe('first');
    expect(yaml('', resource('pods')).object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: {} });
  });
});

/** The tutorial's manifests, from the shared folder beside the repository. */
function manifestDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [resolve(here, '../../../shared/seed/manifests'), '/work/shared/seed/manifests'].find((d) => existsSync(d));
}

const dir = manifestDir();
describe.skipIf(!dir)('tutorial manifests decode cleanly under Strict', () => {
  const files = dir ? readdirSync(dir).filter((f) => f.endsWith('.yaml')) : [];

  it('finds the manifests', () => expect(files.length).toBeGreaterThanOrEqual(6));

  it.each(files)('%s, as YAML and as the JSON kubectl apply sends', (file) => {
    const text = readFileSync(join(dir!, file), 'utf8');
    const doc = parse(text) as { apiVersion: string; kind: string };
    const info = findKind(doc.apiVersion, doc.kind)!;
    const asYaml = decodeObject({ body: text, contentType: 'application/yaml', expected: info, fieldValidation: 'Strict' });
    expect(asYaml.warnings).toEqual([]);
    const applied = { ...doc, metadata: { ...(doc as any).metadata, namespace: 'default', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(doc)}\n` } } };
    const asJson = decodeObject({ body: JSON.stringify(applied), contentType: 'application/json', expected: info, fieldValidation: 'Strict' });
    expect(asJson.object.spec).toEqual(asYaml.object.spec);
    expect(asJson.object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(`${JSON.stringify(doc)}\n`);
  });
});
