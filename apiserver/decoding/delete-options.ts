/**
 * The body of a DELETE: v1 DeleteOptions, decoded and validated as kube-apiserver's delete handler does.
 *
 * An empty body means no options. Otherwise the body is read leniently (unknown fields are ignored, no
 * warnings), with `meta.k8s.io/v1` DeleteOptions as the default kind; per-group apiVersions such as "v1"
 * or "apps/v1" are accepted too, as old clients send them. Decoding failures are not wrapped in a Status
 * by the real handler, so they reach the client as a 500 with the bare Go message. Validation failures
 * are 422 on `DeleteOptions.meta.k8s.io ""`.
 *
 * Interface: decodeDeleteOptions(body, contentType?) → DeleteOptions. Pure.
 */
import { RESOURCES, groupVersion } from '../../lib/api/resources.js';
import { notSupported, optionsInvalid, UnclassifiedServerError } from './decode-errors.js';
import { GoDecodeError, goUnmarshal } from './go-unmarshal.js';
import { GoJsonSyntaxError, parseGoJson } from './go-json.js';
import type { JsonNode } from './json-node.js';
import { negotiateBodyFormat } from './media-type.js';
import { formatGroupVersion, interpretTypeMeta, TypeMetaError, withDefaults } from './type-meta.js';
import { parseYamlBody, YamlSyntaxError } from './yaml-body.js';

export type DeletionPropagation = 'Foreground' | 'Background' | 'Orphan';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  orphanDependents?: boolean;
  propagationPolicy?: DeletionPropagation;
  dryRun?: string[];
  ignoreStoreReadErrorWithClusterBreakingPotential?: boolean;
}

/** The scheme the real handler decodes with, as it names itself in "not registered" errors. */
const META_SCHEME = 'k8s.io/apimachinery/pkg/apis/meta/internalversion/scheme/register.go:28';

const ACCEPTED_VERSIONS = new Set(['meta.k8s.io/v1', 'meta.k8s.io/v1beta1', ...RESOURCES.map((r) => groupVersion(r))]);

function parse(body: string, contentType: string | undefined): JsonNode {
  try {
    return negotiateBodyFormat(contentType) === 'yaml' ? parseYamlBody(body).node : parseGoJson(body);
  } catch (e) {
    if (e instanceof GoJsonSyntaxError) throw new UnclassifiedServerError(`couldn't get version/kind; json parse error: ${e.message}`);
    if (e instanceof YamlSyntaxError) throw new UnclassifiedServerError(`error converting YAML to JSON: ${e.message}`);
    throw e;
  }
}

function checkKind(node: JsonNode): void {
  let gvk;
  try {
    gvk = interpretTypeMeta(node);
  } catch (e) {
    if (e instanceof TypeMetaError) throw new UnclassifiedServerError(e.message);
    throw e;
  }
  const { kind, ...gv } = withDefaults(gvk, { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions' });
  const version = formatGroupVersion(gv);
  if (kind !== 'DeleteOptions' || !ACCEPTED_VERSIONS.has(version)) {
    throw new UnclassifiedServerError(`no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(version)} in scheme ${JSON.stringify(META_SCHEME)}`);
  }
}

/** ValidateDeleteOptions: the propagation policy and dryRun values, and not orphanDependents with a policy. */
function validate(o: DeleteOptions): void {
  const causes = [];
  if (o.orphanDependents !== undefined && o.propagationPolicy !== undefined) {
    const message = `Invalid value: ${JSON.stringify(o.propagationPolicy)}: orphanDependents and deletionPropagation cannot be both set`;
    causes.push({ reason: 'FieldValueInvalid', message, field: 'propagationPolicy' });
  }
  if (o.propagationPolicy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(o.propagationPolicy)) {
    const message = notSupported(o.propagationPolicy, ['Foreground', 'Background', 'Orphan', 'nil']);
    causes.push({ reason: 'FieldValueNotSupported', message, field: 'propagationPolicy' });
  }
  if (o.dryRun && o.dryRun.some((v) => v !== 'All')) {
    const list = `[]string{${o.dryRun.map((v) => JSON.stringify(v)).join(', ')}}`;
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${list}: supported values: "All"`, field: 'dryRun' });
  }
  if (causes.length) throw optionsInvalid('DeleteOptions', causes);
}

/** Decodes a DELETE body; an empty body is no options at all. */
export function decodeDeleteOptions(body: string | undefined, contentType?: string): DeleteOptions {
  if (body === undefined || body.length === 0) return {};
  const node = parse(body, contentType);
  checkKind(node);
  let value: Record<string, unknown>;
  try {
    value = goUnmarshal(node, 'V1DeleteOptions', false).value;
  } catch (e) {
    if (e instanceof GoDecodeError) throw new UnclassifiedServerError(e.message);
    throw e;
  }
  const { apiVersion: _a, kind: _k, ...options } = value;
  validate(options as DeleteOptions);
  return options as DeleteOptions;
}
