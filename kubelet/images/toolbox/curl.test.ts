import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolboxBinDir, withToolbox } from './bin-dir.js';
import { curlMain, requestHeaders } from './curl.js';
import { parseCurlArgs } from './curl-args.js';
import { searchCandidates } from './resolve-host.js';

let server: Server;
let base: string;
let lastRequest: { method: string; headers: IncomingMessage['headers']; body: string } | undefined;
const dir = mkdtempSync(join(tmpdir(), 'kubelab-curl-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      lastRequest = { method: req.method!, headers: req.headers, body };
      if (req.url === '/missing') return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such page\n');
      if (req.url === '/moved') return void res.writeHead(301, { Location: '/hello' }).end();
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Test': 'yes' }).end(req.method === 'HEAD' ? undefined : 'hello\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

async function curl(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return curlTo(true, ...argv);
}

async function curlTo(isTTY: boolean, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (c: string | Uint8Array) => (out += Buffer.from(c).toString()), isTTY },
    stderr: { write: (c: string | Uint8Array) => (err += Buffer.from(c).toString()) },
    env: {},
  };
  const code = await curlMain(argv, io);
  return { code, out, err };
}

/** A port with nothing listening. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('toolbox curl', () => {
  it('prints the body, sending curl’s request headers', async () => {
    const r = await curl(`${base}/hello`);
    expect(r).toEqual({ code: 0, out: 'hello\n', err: '' });
    expect(lastRequest!.headers['user-agent']).toMatch(/^curl\/\d+\.\d+\.\d+$/);
    expect(lastRequest!.headers.accept).toBe('*/*');
    expect(lastRequest!.headers.host).toBe(new URL(base).host);
  });

  it('-i includes the status line and headers, -I asks with HEAD', async () => {
    const i = await curl('-i', `${base}/hello`);
    expect(i.out).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Type: text\/plain\r\nX-Test: yes\r\n[\s\S]*\r\n\r\nhello\n$/);
    const head = await curl('-I', `${base}/hello`);
    expect(lastRequest!.method).toBe('HEAD');
    expect(head.out).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n$/);
  });

  it('-v traces the exchange on stderr', async () => {
    const r = await curl('-v', `${base}/hello`);
    expect(r.out).toBe('hello\n');
    expect(r.err).toContain('*   Trying 127.0.0.1:');
    expect(r.err).toContain('> GET /hello HTTP/1.1\r\n');
    expect(r.err).toContain('< HTTP/1.1 200 OK\r\n');
  });

  it('-X, -H and -d send what they say', async () => {
    await curl('-s', '-X', 'PUT', '-H', 'X-Who: me', '-H', 'Accept:', '-d', 'a=1', '-d', 'b=2', `${base}/form`);
    expect(lastRequest!.method).toBe('PUT');
    expect(lastRequest!.body).toBe('a=1&b=2');
    expect(lastRequest!.headers['x-who']).toBe('me');
    expect(lastRequest!.headers.accept).toBeUndefined();
    expect(lastRequest!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('-o writes the body to a file, -w prints the write-out', async () => {
    const file = join(dir, 'out.txt');
    const r = await curl('-s', '-o', file, '-w', '%{http_code}\\n', `${base}/hello`);
    expect(readFileSync(file, 'utf8')).toBe('hello\n');
    expect(r.out).toBe('200\n');
  });

  it('-f turns an HTTP error into exit 22 without the body', async () => {
    expect(await curl(`${base}/missing`)).toEqual({ code: 0, out: 'no such page\n', err: '' });
    expect(await curl('-f', `${base}/missing`)).toEqual({ code: 22, out: '', err: 'curl: (22) The requested URL returned error: 404\n' });
    expect(await curl('-sf', `${base}/missing`)).toEqual({ code: 22, out: '', err: '' });
  });

  it('shows the progress meter on stderr when the output is not a terminal, unless -s', async () => {
    const piped = await curlTo(false, `${base}/hello`);
    expect(piped.out).toBe('hello\n');
    expect(piped.err).toMatch(/^  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n {33}Dload  Upload   Total   Spent    Left  Speed\n\r100     6  100     6    0     0 /);
    expect((await curlTo(false, '-s', `${base}/hello`)).err).toBe('');
  });

  it('-L follows redirects', async () => {
    expect((await curl('-L', `${base}/moved`)).out).toBe('hello\n');
    expect((await curl(`${base}/moved`)).out).toBe('');
  });

  it('reports a refused connection as curl does, exit 7; -s hides it and -sS shows it', async () => {
    const port = await closedPort();
    const r = await curl(`http://127.0.0.1:${port}/`);
    expect(r.code).toBe(7);
    expect(r.err).toMatch(new RegExp(`^curl: \\(7\\) Failed to connect to 127\\.0\\.0\\.1 port ${port} after \\d+ ms: Connection refused\\n$`));
    expect((await curl('-s', `http://127.0.0.1:${port}/`)).err).toBe('');
    expect((await curl('-sS', `http://127.0.0.1:${port}/`)).err).toContain('curl: (7) Failed to connect');
  });

  it('reports usage errors (2), bad protocols (1) and unknown hosts (6)', async () => {
    expect((await curl()).code).toBe(2);
    expect(await curl('ftp://x/')).toEqual({ code: 1, out: '', err: 'curl: (1) Protocol "ftp" not supported\n' });
    const r = await curl('http://no-such-host.invalid/');
    expect(r).toEqual({ code: 6, out: '', err: 'curl: (6) Could not resolve host: no-such-host.invalid\n' });
  });

  it('builds the header list with -H replacing and removing defaults', () => {
    const o = parseCurlArgs(['-H', 'user-agent: probe', '-H', 'Accept:', '-H', 'X-New: 1', 'http://a:8080/']);
    expect(requestHeaders(new URL('http://a:8080/'), o, undefined)).toEqual([['Host', 'a:8080'], ['user-agent', 'probe'], ['X-New', '1']]);
    expect(requestHeaders(new URL('http://a:80/'), parseCurlArgs(['a']), undefined)[0]).toEqual(['Host', 'a']);
  });

  it('searches cluster names as resolv.conf with ndots:5 would', () => {
    const search = ['default.svc.cluster.local', 'svc.cluster.local'];
    expect(searchCandidates('hello', search)).toEqual(['hello.default.svc.cluster.local', 'hello.svc.cluster.local', 'hello']);
    expect(searchCandidates('a.b.c.d.e.f', search)[0]).toBe('a.b.c.d.e.f');
    expect(searchCandidates('hello.', search)).toEqual(['hello']);
  });
});

describe('toolbox bin directory', () => {
  const bin = toolboxBinDir();
  const compiled = join(process.cwd(), 'dist/kubelet/images/toolbox/curl.js');

  it('goes first on a container PATH, with node’s directory last', () => {
    expect(withToolbox('/usr/bin:/bin', '/tb', '/opt/node/bin')).toBe('/tb:/usr/bin:/bin:/opt/node/bin');
    expect(withToolbox('/tb:/usr/bin', '/tb', '/usr/bin')).toBe('/tb:/usr/bin');
  });

  it('is found from the sources', () => {
    expect(bin).toBeDefined();
    expect(existsSync(join(bin!, 'curl'))).toBe(true);
  });

  it.runIf(existsSync(compiled))('runs curl as an executable on PATH', async () => {
    const r = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile('curl', ['-s', `${base}/hello`], { env: { PATH: `${bin}:/usr/bin:/bin` } }, (err, out, errOut) =>
        resolve({ code: (err as { code?: number } | null)?.code ?? 0, out, err: errOut }),
      );
    });
    expect(r).toEqual({ code: 0, out: 'hello\n', err: '' });
  });
});
