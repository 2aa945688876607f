/**
 * What goes wrong, answered as kube-apiserver answers it. First through the real kubectl: a stale
 * `replace` (409 Conflict), a duplicate `create` (409 AlreadyExists), a wrong or missing token (401),
 * an invalid name, an unknown field under the default strict validation, a malformed label selector.
 * Then a corpus of bad requests no kubectl would send, over node's https with the cluster CA and
 * token, each compared with the exact code, reason, message and details of kube-apiserver v1.32
 * (sources: apiserver handlers/create.go transformDecodeError and rest.go limitedReadBody, go-restful
 * route matching, apimachinery errors.go, labels/selector.go, sigs.k8s.io/yaml) and each followed by
 * the proof that nothing was stored and that the apiserver still answers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { REPO_ROOT, startCluster, type Cluster } from './harness/cluster.js';
import { createNamespace, ok } from './support/kubectl.js';
import { apiRequest, failure } from './support/raw-api.js';

const MULTI = resolve(REPO_ROOT, '..', 'shared', 'seed', 'manifests', 'multi.yaml');
const NS = 'bad-requests';
const PODS = `/api/v1/namespaces/${NS}/pods`;
const pod = (spec: Record<string, unknown>, name = 'p') => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const RFC1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const RFC1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LEGACY_SCHEME = 'in scheme "pkg/api/legacyscheme/scheme.go:30"';
/** kube-apiserver's default --max-request-bytes for one request body (handlers/rest.go). */
const MAX_BODY = 3 * 1024 * 1024;

describe('errors, as kube-apiserver reports them', () => {
  let cluster: Cluster;
  const kubectl = (args: string[], opts?: Parameters<Cluster['kubectl']>[1]) => cluster.kubectl(args, opts);
  const file = (name: string, text: string) => {
    const path = join(cluster.dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    await createNamespace(cluster, NS);
    await createNamespace(cluster, 'kubectl-errors');
    ok(await kubectl(['run', 'target', '--image=posquit0/doraemon', '-n', NS]));
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('through kubectl', () => {
    const ns = ['-n', 'kubectl-errors'];

    it('a replace from a stale copy is a 409 Conflict, and the newer object stays', async () => {
      ok(await kubectl(['run', 'stale', '--image=posquit0/doraemon', ...ns]));
      const copy = file('stale.yaml', ok(await kubectl(['get', 'pod', 'stale', '-o', 'yaml', ...ns])));
      ok(await kubectl(['label', 'pod', 'stale', 'newer=yes', ...ns]));
      expect(await kubectl(['replace', '-f', copy, ...ns])).toMatchObject({
        code: 1, stdout: '',
        stderr: `Error from server (Conflict): error when replacing "${copy}": Operation cannot be fulfilled on pods "stale": the object has been modified; please apply your changes to the latest version and try again\n`,
      });
      expect(ok(await kubectl(['get', 'pod', 'stale', '-o', 'jsonpath={.metadata.labels.newer}', ...ns]))).toBe('yes');
    });

    it('creating what exists is a 409 AlreadyExists', async () => {
      expect(ok(await kubectl(['create', '-f', MULTI, ...ns]))).toBe('pod/hello created\n');
      expect(await kubectl(['create', '-f', MULTI, ...ns])).toMatchObject({
        code: 1, stdout: '', stderr: `Error from server (AlreadyExists): error when creating "${MULTI}": pods "hello" already exists\n`,
      });
    });

    it('a wrong token is a 401: "You must be logged in to the server"', async () => {
      // (With no credentials at all kubectl asks for a username instead; the raw corpus sends none.)
      const config = parse(readFileSync(cluster.kubeconfig, 'utf8')) as { users: Array<{ user: Record<string, unknown> }> };
      config.users[0]!.user = { token: 'not-the-token' };
      const wrong = file('wrong-token.kubeconfig', stringify(config));
      expect(await kubectl(['get', 'pods', ...ns], { env: { KUBECONFIG: wrong } })).toEqual({
        code: 1, stdout: '', stderr: 'error: You must be logged in to the server (Unauthorized)\n',
      });
    });

    it('a name that is not a DNS-1123 subdomain is a 422 Invalid naming the field', async () => {
      const bad = file('bad-name.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: c\n    image: i\n');
      expect(await kubectl(['create', '-f', bad, ...ns])).toMatchObject({
        code: 1, stdout: '', stderr: `The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${RFC1123_SUBDOMAIN}\n`,
      });
    });

    it('an unknown field fails the default strict validation; --validate=warn and =false let it through', async () => {
      const manifest = (name: string) => file(`${name}.yaml`, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: i\n    colour: blue\n`);
      const strict = manifest('strict');
      expect(await kubectl(['apply', '-f', strict, ...ns])).toMatchObject({
        code: 1, stdout: '',
        stderr: `Error from server (BadRequest): error when creating "${strict}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].colour"\n`,
      });
      expect(await kubectl(['apply', '--validate=warn', '-f', manifest('warned'), ...ns])).toMatchObject({
        code: 0, stdout: 'pod/warned created\n', stderr: 'Warning: unknown field "spec.containers[0].colour"\n',
      });
      expect(await kubectl(['apply', '--validate=false', '-f', manifest('ignored'), ...ns])).toMatchObject({ code: 0, stdout: 'pod/ignored created\n', stderr: '' });
      expect(await kubectl(['get', 'pod', 'strict', ...ns])).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "strict" not found\n' });
    });

    it('a malformed label selector is a 400 BadRequest', async () => {
      expect(await kubectl(['get', 'pods', '-l', 'app===hello', ...ns])).toMatchObject({
        code: 1, stdout: '',
        stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app===hello", field selector "": unable to parse requirement: found \'=\', expected: identifier\n',
      });
    });
  });

  describe('bad requests over HTTPS', () => {
    interface BadRequest {
      what: string;
      method: string;
      path: string;
      body?: string;
      contentType?: string;
      token?: boolean;
      expected: Record<string, unknown>;
    }
    const JSON_TYPE = 'application/json';
    const corpus: BadRequest[] = [
      {
        what: 'malformed JSON', method: 'POST', path: PODS, contentType: JSON_TYPE, body: '{"apiVersion":"v1","kind":"Pod",',
        expected: failure(400, 'BadRequest', 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"apiVersion":"v1","kind":"Pod ...)'),
      },
      {
        what: 'malformed YAML', method: 'POST', path: PODS, contentType: 'application/yaml', body: 'apiVersion: v1\nkind: Pod\nmetadata: a: b\n',
        // The summary is the body's first 30 bytes, in hex because the body does not start with '{'.
        expected: failure(400, 'BadRequest', 'the object provided is unrecognized (must be of type Pod): error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context (61706956657273696f6e3a2076310a6b696e643a20506f640a6d65746164 ...)'),
      },
      { what: 'an unknown resource', method: 'GET', path: `/api/v1/namespaces/${NS}/widgets`, expected: failure(404, 'NotFound', 'the server could not find the requested resource', {}) },
      { what: 'an unknown group', method: 'POST', path: `/apis/example.com/v1/namespaces/${NS}/widgets`, contentType: JSON_TYPE, body: '{}', expected: failure(404, 'NotFound', 'the server could not find the requested resource', {}) },
      {
        what: 'an unknown kind in the body', method: 'POST', path: PODS, contentType: JSON_TYPE, body: '{"apiVersion":"v1","kind":"Widget","metadata":{"name":"p"}}',
        expected: failure(400, 'BadRequest', `Widget in version "v1" cannot be handled as a Pod: no kind "Widget" is registered for version "v1" ${LEGACY_SCHEME}`),
      },
      {
        what: 'an unknown apiVersion in the body', method: 'POST', path: PODS, contentType: JSON_TYPE, body: '{"apiVersion":"example.com/v9","kind":"Pod","metadata":{"name":"p"}}',
        expected: failure(400, 'BadRequest', `Pod in version "v9" cannot be handled as a Pod: no kind "Pod" is registered for version "example.com/v9" ${LEGACY_SCHEME}`),
      },
      {
        what: 'an object where a list belongs', method: 'POST', path: PODS, contentType: JSON_TYPE, body: pod({ containers: { name: 'c', image: 'i' } }),
        expected: failure(400, 'BadRequest', 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'),
      },
      {
        what: 'a string where an int32 belongs', method: 'POST', path: PODS, contentType: JSON_TYPE, body: pod({ containers: [{ name: 'c', image: 'i', ports: [{ containerPort: '80' }] }] }),
        expected: failure(400, 'BadRequest', 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'),
      },
      {
        what: 'a number where a string belongs', method: 'POST', path: PODS, contentType: JSON_TYPE, body: pod({ containers: [{ name: 'c', image: 'i', env: [{ name: 'N', value: 1 }] }] }),
        expected: failure(400, 'BadRequest', 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string'),
      },
      {
        what: 'a pod name that is not a DNS-1123 subdomain', method: 'POST', path: PODS, contentType: JSON_TYPE, body: pod({ containers: [{ name: 'c', image: 'i' }] }, 'Bad_Name'),
        expected: failure(422, 'Invalid', `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${RFC1123_SUBDOMAIN}`, {
          name: 'Bad_Name', kind: 'Pod', causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: "Bad_Name": ${RFC1123_SUBDOMAIN}`, field: 'metadata.name' }],
        }),
      },
      {
        what: 'a namespace name that is not a DNS-1123 label', method: 'POST', path: '/api/v1/namespaces', contentType: JSON_TYPE,
        body: '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"Bad_Name"}}',
        expected: failure(422, 'Invalid', `Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${RFC1123_LABEL}`, {
          name: 'Bad_Name', kind: 'Namespace', causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: "Bad_Name": ${RFC1123_LABEL}`, field: 'metadata.name' }],
        }),
      },
      {
        what: 'a body over 3 MiB', method: 'POST', path: PODS, contentType: JSON_TYPE, body: pod({ containers: [{ name: 'c', image: 'i' }] }, 'huge').padEnd(MAX_BODY + 1, ' '),
        expected: failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY}`),
      },
      {
        what: 'an unknown field under fieldValidation=Strict', method: 'POST', path: `${PODS}?fieldValidation=Strict`, contentType: JSON_TYPE,
        body: pod({ containers: [{ name: 'c', image: 'i', colour: 'blue' }] }),
        expected: failure(400, 'BadRequest', 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].colour"'),
      },
      {
        // No PATCH route consumes text/plain, so go-restful refuses it before any handler runs.
        what: 'a PATCH whose Content-Type is no patch type', method: 'PATCH', path: `${PODS}/target`, contentType: 'text/plain', body: '{"metadata":{"labels":{"a":"b"}}}',
        expected: failure(415, 'UnsupportedMediaType', '415: Unsupported Media Type', {}),
      },
      {
        // kube-apiserver drops the reason ("testing value ... failed") from this 422.
        what: 'a JSON patch whose test op fails', method: 'PATCH', path: `${PODS}/target`, contentType: 'application/json-patch+json',
        body: '[{"op":"test","path":"/metadata/name","value":"other"},{"op":"add","path":"/metadata/labels/a","value":"b"}]',
        expected: failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {}),
      },
      {
        what: 'a malformed label selector', method: 'GET', path: `${PODS}?labelSelector=${encodeURIComponent('app===hello')}`,
        expected: failure(400, 'BadRequest', "unable to parse requirement: found '=', expected: identifier"),
      },
      { what: 'no token', method: 'GET', path: PODS, token: false, expected: failure(401, 'Unauthorized', 'Unauthorized') },
    ];

    /** What is stored in the namespace (and the namespaces), to compare before and after each request. */
    const snapshot = async () => {
      const pods = (await apiRequest(cluster, 'GET', PODS)).json() as { items: Array<{ metadata: { name: string; resourceVersion: string } }> };
      const namespaces = (await apiRequest(cluster, 'GET', '/api/v1/namespaces')).json() as { items: Array<{ metadata: { name: string } }> };
      return { pods: pods.items.map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`), namespaces: namespaces.items.map((n) => n.metadata.name) };
    };

    it.each(corpus.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
      const before = await snapshot();
      expect(before.pods).toEqual([expect.stringMatching(/^target@\d+$/)]);
      const res = await apiRequest(cluster, c.method, c.path, { body: c.body, contentType: c.contentType, token: c.token });
      expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({ status: c.expected.code, contentType: 'application/json' });
      expect(res.json()).toEqual(c.expected);
      expect(await snapshot()).toEqual(before);
      const ready = await apiRequest(cluster, 'GET', '/readyz');
      expect({ status: ready.status, body: ready.body }).toEqual({ status: 200, body: 'ok' });
    });

    it('a body of exactly 3 MiB is not too large', async () => {
      const body = pod({ containers: [{ name: 'c', image: 'i' }] }, 'at-the-limit').padEnd(MAX_BODY, ' ');
      const res = await apiRequest(cluster, 'POST', `/api/v1/namespaces/kubectl-errors/pods`, { body, contentType: JSON_TYPE });
      expect(res.status).toBe(201);
    });

    it('an unknown field without fieldValidation is only a warning (the default is Warn)', async () => {
      const body = pod({ containers: [{ name: 'c', image: 'i', colour: 'blue' }] }, 'warned-raw');
      const res = await apiRequest(cluster, 'POST', '/api/v1/namespaces/kubectl-errors/pods', { body, contentType: JSON_TYPE });
      expect({ status: res.status, warning: res.headers.warning }).toEqual({ status: 201, warning: '299 - "unknown field \\"spec.containers[0].colour\\""' });
    });

    it('a negative gracePeriodSeconds is no error: it counts as 1 s, and an unscheduled pod goes at once', async () => {
      const create = (name: string, spec: Record<string, unknown>) =>
        apiRequest(cluster, 'POST', '/api/v1/namespaces/kubectl-errors/pods', { body: pod(spec, name), contentType: JSON_TYPE });
      expect((await create('unbound', { containers: [{ name: 'c', image: 'i' }] })).status).toBe(201);
      const gone = await apiRequest(cluster, 'DELETE', '/api/v1/namespaces/kubectl-errors/pods/unbound?gracePeriodSeconds=-1');
      expect(gone.status).toBe(200);
      expect((await apiRequest(cluster, 'GET', '/api/v1/namespaces/kubectl-errors/pods/unbound')).status).toBe(404);

      // A pod bound to a node terminates gracefully instead, for the 1 s the negative value became.
      expect((await create('bound', { nodeName: 'node-that-never-reports', containers: [{ name: 'c', image: 'i' }] })).status).toBe(201);
      const options = JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: -5 });
      const marked = await apiRequest(cluster, 'DELETE', '/api/v1/namespaces/kubectl-errors/pods/bound', { body: options, contentType: JSON_TYPE });
      expect(marked.status).toBe(200);
      const meta = (marked.json() as { metadata: Record<string, unknown> }).metadata;
      expect(meta.deletionGracePeriodSeconds).toBe(1);
      expect(meta.deletionTimestamp).toEqual(expect.any(String));
    });
  });
});
