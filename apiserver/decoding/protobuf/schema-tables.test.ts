/**
 * The protobuf tables against the JSON schema kubelab already trusts (apiserver/schema/type-map.ts,
 * read from @kubernetes/client-node): walking every body kind from its root message, each declared
 * field must exist under the same JSON name in the model of the same type, with a compatible shape.
 */
import { describe, expect, it } from 'vitest';
import { RESOURCES, groupVersion } from '../../../lib/api/resources.js';
import { fieldsOf, typeNameOf, type FieldType } from '../../schema/type-map.js';
import { defineMessages, goFieldName, SchemaSyntaxError, type FieldSpec } from './schema-dsl.js';
import { KIND_MESSAGES, MESSAGES, messageSpec } from './tables/index.js';

/** Messages with their own JSON form (to-json.ts), whose proto fields have no JSON counterpart. */
const OPAQUE = new Set(['meta.Time', 'meta.MicroTime', 'resource.Quantity', 'intstr.IntOrString', 'meta.FieldsV1']);

function compatible(field: FieldSpec, type: FieldType): string | undefined {
  let t = type;
  if (field.label === 'repeated') {
    if (t.kind !== 'array') return `repeated but JSON has ${t.kind}`;
    t = t.of;
  } else if (field.label === 'map') {
    if (t.kind !== 'map' && t.kind !== 'any') return `map but JSON has ${t.kind}`;
    if (t.kind === 'map') t = t.of;
  }
  const expected: Record<string, FieldType['kind'][]> = {
    string: ['string'], bytes: ['string'], bool: ['boolean'], int32: ['number'], int64: ['number'], double: ['number'],
    'meta.Time': ['date', 'any'], 'meta.MicroTime': ['date', 'any'], 'resource.Quantity': ['string'],
    'intstr.IntOrString': ['intOrString'], 'meta.FieldsV1': ['any'],
  };
  const kinds = expected[field.type] ?? (field.label === 'map' && t.kind === 'any' ? ['any'] : ['object']);
  return kinds.includes(t.kind) ? undefined : `${field.type} but JSON has ${t.kind}`;
}

/** Walks message `name` against client model `model`; returns problems, records visited messages. */
function walk(name: string, model: string, path: string, visited: Set<string>, problems: string[]): void {
  const spec = messageSpec(name);
  if (!spec) return void problems.push(`${path}: no message ${name}`);
  visited.add(name);
  const jsonFields = fieldsOf(model);
  if (!jsonFields) return void problems.push(`${path}: ${model} is not a model`);
  for (const f of spec.fields) {
    if (f.inline) {
      walk(f.type, model, path, visited, problems);
      continue;
    }
    const jf = jsonFields.get(f.json);
    if (!jf) {
      problems.push(`${path}.${f.json}: not a field of ${model}`);
      continue;
    }
    const problem = compatible(f, jf.type);
    if (problem) problems.push(`${path}.${f.json}: ${problem}`);
    if (OPAQUE.has(f.type)) visited.add(f.type);
    let inner = jf.type;
    while (inner.kind === 'array' || inner.kind === 'map') inner = inner.of;
    if (!problem && inner.kind === 'object') walk(f.type, inner.typeName, `${path}.${f.json}`, visited, problems);
  }
}

describe('protobuf tables', () => {
  const visited = new Set<string>();
  const cases = Object.entries(KIND_MESSAGES).map(([key, message]) => {
    const slash = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1), message };
  });

  it.each(cases)('$apiVersion $kind: every field exists in the JSON schema', ({ apiVersion, kind, message }) => {
    const model = typeNameOf(apiVersion, kind);
    expect(model, `type-map knows ${apiVersion} ${kind}`).toBeDefined();
    const problems: string[] = [];
    walk(message, model!, kind, visited, problems);
    expect(problems).toEqual([]);
  });

  it('reaches every message from some kind (none is dead weight)', () => {
    for (const { apiVersion, kind, message } of cases) walk(message, typeNameOf(apiVersion, kind)!, kind, visited, []);
    const unreached = MESSAGES.map((m) => m.name).filter((n) => !visited.has(n) && !n.startsWith('runtime.'));
    expect(unreached).toEqual([]);
  });

  it('covers every served kind and every subresource body kind', () => {
    const bodies = RESOURCES.flatMap((r) => [
      `${groupVersion(r)}/${r.kind}`,
      ...r.subresources
        .filter((s) => s.verbs.some((v) => v === 'create' || v === 'update') && !s.kind.endsWith('Options'))
        .map((s) => `${groupVersion(s)}/${s.kind}`),
    ]);
    expect(bodies.filter((b) => !KIND_MESSAGES[b])).toEqual([]);
  });

  it('uses each field number once per message', () => {
    for (const m of MESSAGES) expect(new Set(m.fields.map((f) => f.id)).size, m.name).toBe(m.fields.length);
  });
});

describe('schema notation', () => {
  it.each([
    ['name=1', { json: 'name', id: 1, type: 'string', label: 'optional', presence: 'omitempty', inline: false }],
    ['replicas=1:int32?', { type: 'int32', presence: 'pointer' }],
    ['port=3:int32!', { type: 'int32', presence: 'always' }],
    ['ports=6:[ContainerPort]', { type: 'core.ContainerPort', label: 'repeated' }],
    ['limits=1:{resource.Quantity}', { type: 'resource.Quantity', label: 'map' }],
    ['handler=1:ProbeHandler^', { type: 'core.ProbeHandler', inline: true }],
  ])('reads %s', (line, expected) => {
    expect(defineMessages('core', { M: line })[0]!.fields[0]).toMatchObject(expected);
  });

  it.each(['name', 'name=x', 'ports=6:[ContainerPort', 'a=1 b=1'])('rejects %s', (line) => {
    expect(() => defineMessages('core', { M: line })).toThrow(SchemaSyntaxError);
  });

  it.each([
    ['uid=1', 'UID'], ['clusterIP=1', 'ClusterIP'], ['metadata=1:meta.ObjectMeta', 'ObjectMeta'],
    ['handler=1:ProbeHandler^', 'ProbeHandler'], ['reportingComponent=1', 'ReportingController'], ['image=1', 'Image'],
  ])('names %s as Go does: %s', (line, goName) => {
    expect(goFieldName(defineMessages('core', { M: line })[0]!.fields[0]!)).toBe(goName);
  });
});
