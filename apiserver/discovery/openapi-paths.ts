/**
 * OpenAPI v3 `paths` for one group-version: the REST operations the registry says each resource and
 * subresource supports, on the same URL templates kube-apiserver publishes.
 *
 * Why kubectl cares: before `apply`/`create`/`replace`/`edit` it looks for a PATCH operation tagged with
 * the object's `x-kubernetes-group-version-kind` whose parameters include `fieldValidation`; finding one,
 * it leaves validation to the server (`?fieldValidation=Strict`). It stops at the first PATCH with that
 * GVK, so every PATCH here carries the parameter (pods/status is a Pod PATCH too).
 *
 * Invariant: PATCH operations have NO requestBody. If one declared
 * `application/strategic-merge-patch+json`, `kubectl apply` would compute its patch from these schemas,
 * which lack the merge keys and strategies; without it apply falls back to its compiled-in Go types.
 */
import type { ResourceInfo, SubresourceInfo } from '../../lib/api/resources.js';
import { typeNameOf } from '../schema/type-map.js';
import type { GroupVersionKind } from './discovery-types.js';
import { schemaRef, type Schema } from './openapi-schemas.js';

export type Action = 'list' | 'post' | 'deletecollection' | 'get' | 'put' | 'patch' | 'delete';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Parameter {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: Schema;
}

export interface Operation {
  operationId: string;
  'x-kubernetes-action': Action;
  'x-kubernetes-group-version-kind': GroupVersionKind;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

export type PathItem = { parameters: Parameter[] } & Partial<Record<Method, Operation>>;

const query = (name: string, description: string, type = 'string'): Parameter => ({ name, in: 'query', description, schema: { type } });

const P = {
  pretty: query('pretty', "If 'true', the output is indented."),
  dryRun: query('dryRun', "'All' runs every stage of the request except persisting it."),
  fieldManager: query('fieldManager', 'The name of the actor making the change, recorded in managedFields.'),
  fieldValidation: query('fieldValidation', 'How to treat unknown or duplicate fields in the body: Ignore, Warn or Strict.'),
  force: query('force', 'Take over fields owned by other managers (apply patches only).', 'boolean'),
  gracePeriodSeconds: query('gracePeriodSeconds', 'Seconds to wait before deleting; 0 deletes at once.', 'integer'),
  orphanDependents: query('orphanDependents', 'Deprecated: use propagationPolicy.', 'boolean'),
  propagationPolicy: query('propagationPolicy', 'What happens to dependents: Orphan, Background or Foreground.'),
  allowWatchBookmarks: query('allowWatchBookmarks', 'Let the watch send BOOKMARK events.', 'boolean'),
  continue: query('continue', 'The token from the previous page of a paginated list.'),
  fieldSelector: query('fieldSelector', 'Only objects whose fields match, e.g. metadata.name=hello.'),
  labelSelector: query('labelSelector', 'Only objects whose labels match, e.g. app=hello.'),
  limit: query('limit', 'The most items to return in one page.', 'integer'),
  resourceVersion: query('resourceVersion', 'Which version of the collection to list or to watch from.'),
  resourceVersionMatch: query('resourceVersionMatch', 'How resourceVersion is applied: Exact or NotOlderThan.'),
  sendInitialEvents: query('sendInitialEvents', 'Start a watch with the current objects as ADDED events.', 'boolean'),
  timeoutSeconds: query('timeoutSeconds', 'Close the list or watch after this many seconds.', 'integer'),
  watch: query('watch', 'Stream changes instead of listing.', 'boolean'),
};

const LIST = [P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion,
  P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch];
const WRITE = [P.dryRun, P.fieldManager, P.fieldValidation];
const DELETE = [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy];
const PARAMETERS: Record<Action, Parameter[]> = {
  list: LIST,
  post: WRITE,
  put: WRITE,
  patch: [...WRITE, P.force],
  get: [],
  delete: DELETE,
  deletecollection: [...DELETE, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion, P.resourceVersionMatch, P.timeoutSeconds],
};

const METHOD: Record<Action, Method> = { list: 'get', post: 'post', deletecollection: 'delete', get: 'get', put: 'put', patch: 'patch', delete: 'delete' };
const VERB_WORD: Record<Action, string> = { list: 'list', post: 'create', deletecollection: 'deleteCollection', get: 'read', put: 'replace', patch: 'patch', delete: 'delete' };
/** Registry verbs on a subresource → the operation that serves them. */
const SUB_ACTION: Record<string, Action> = { get: 'get', update: 'put', patch: 'patch', create: 'post' };

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const modelOf = (k: GroupVersionKind) => typeNameOf(k.group ? `${k.group}/${k.version}` : k.version, k.kind);

const json = (schema: Schema) => ({ 'application/json': { schema } });

/** Response and request bodies for an operation on `target`, the kind it reads or writes. */
function bodies(action: Action, target: GroupVersionKind, sub?: SubresourceInfo): Pick<Operation, 'requestBody' | 'responses'> {
  const model = modelOf(target);
  const ok = (typeName = model) => ({ description: 'OK', ...(typeName ? { content: json(schemaRef(typeName)) } : {}) });
  const responses: Operation['responses'] = { '200': ok(), '401': { description: 'Unauthorized' } };
  if (action === 'list') responses['200'] = ok(model && `${model}List`);
  if (action === 'post') responses['201'] = ok();
  if (action === 'deletecollection') responses['200'] = { description: 'OK' };
  if (sub?.name === 'log') responses['200'] = { description: 'OK', content: { 'text/plain': { schema: { type: 'string' } } } };
  const body = action === 'post' || action === 'put' ? model : action === 'delete' || action === 'deletecollection' ? 'V1DeleteOptions' : undefined;
  return body ? { requestBody: { required: action === 'post' || action === 'put', content: { '*/*': { schema: schemaRef(body) } } }, responses } : { responses };
}

function operation(action: Action, r: ResourceInfo, opts: { sub?: SubresourceInfo; allNamespaces?: boolean } = {}): Operation {
  const { sub } = opts;
  const gvk = sub ? { group: sub.group, version: sub.version, kind: sub.kind } : { group: r.group, version: r.version, kind: r.kind };
  const groupWord = r.group ? capitalize(r.group.split('.')[0]!) : 'Core';
  const scope = r.namespaced && !opts.allNamespaces ? 'Namespaced' : '';
  const operationId = `${VERB_WORD[action]}${groupWord}${capitalize(r.version)}${scope}${r.kind}${sub ? capitalize(sub.name) : ''}${opts.allNamespaces ? 'ForAllNamespaces' : ''}`;
  return {
    operationId,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    parameters: [...PARAMETERS[action]],
    ...bodies(action, gvk, sub),
  };
}

const pathParam = (name: string, description: string): Parameter => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });

function pathItem(params: Parameter[], ops: [Action, Operation][]): PathItem {
  const item: PathItem = { parameters: [...params, P.pretty] };
  for (const [action, op] of ops) item[METHOD[action]] = op;
  return item;
}

/** Every path of resource `r`, keyed by URL template, under `base` (`/api/v1`, `/apis/apps/v1`). */
export function resourcePaths(base: string, r: ResourceInfo): Record<string, PathItem> {
  const ns = pathParam('namespace', 'object name and auth scope, such as for teams and projects');
  const name = pathParam('name', `name of the ${r.kind}`);
  const collection = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}` : `${base}/${r.resource}`;
  const scopeParams = r.namespaced ? [ns] : [];
  const has = (v: string) => (r.verbs as string[]).includes(v);
  const pick = (pairs: [string, Action][], o?: { sub?: SubresourceInfo }) =>
    pairs.filter(([verb]) => has(verb)).map(([, a]): [Action, Operation] => [a, operation(a, r, o)]);

  const paths: Record<string, PathItem> = {
    [collection]: pathItem(scopeParams, pick([['list', 'list'], ['create', 'post'], ['deletecollection', 'deletecollection']])),
    [`${collection}/{name}`]: pathItem([...scopeParams, name], pick([['get', 'get'], ['update', 'put'], ['patch', 'patch'], ['delete', 'delete']])),
  };
  if (r.namespaced && has('list')) {
    paths[`${base}/${r.resource}`] = pathItem([], [['list', operation('list', r, { allNamespaces: true })]]);
  }
  for (const sub of r.subresources) {
    const ops = sub.verbs.filter((v) => SUB_ACTION[v]).map((v): [Action, Operation] => [SUB_ACTION[v]!, operation(SUB_ACTION[v]!, r, { sub })]);
    paths[`${collection}/{name}/${sub.name}`] = pathItem([...scopeParams, name], ops);
  }
  return paths;
}
