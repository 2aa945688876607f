import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { run as runCrash } from './crash.js';
import { run as runHtml } from './hello-html.js';
import { run as runPlain } from './hello-plain-text.js';
import { parseSleepOperands, run as runSleep } from './sleep.js';
import { probeAnswer, run as runSlowStart } from './slow-start.js';
import { fakeContext, type FakeContext } from '../testing/fake-context.js';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

function get(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function until(cond: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const up = (port: number) => () => get(port, '/').then(() => true, () => false);

let running: { fake: FakeContext; done: Promise<number> }[] = [];
afterEach(async () => {
  for (const r of running) {
    try {
      r.fake.signal('SIGTERM');
    } catch {
      // A program with no handler; it ends by itself in these tests.
    }
    await r.done;
  }
  running = [];
});

describe('hello (plain-text)', () => {
  it('answers the exact layout, logs the request, and quits on SIGTERM with 0', async () => {
    const port = await freePort();
    const fake = fakeContext({ argv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], env: { PORT: String(port), NGINX_VERSION: '1.27.3' }, hostname: 'hello' });
    const done = runPlain(fake.ctx);
    await until(up(port));
    const res = await get(port, '/some/path?x=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers.server).toBe('nginx/1.27.3');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toMatch(
      new RegExp(`^Server address: 127\\.0\\.0\\.1:${port}\\nServer name: hello\\nDate: \\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000\\nURI: /some/path\\?x=1\\nRequest ID: [0-9a-f]{32}\\n$`),
    );
    await until(() => fake.stdout().includes('"GET /some/path?x=1 HTTP/1.1" 200'));
    expect(fake.stdout()).toMatch(/127\.0\.0\.1 - - \[[^\]]+\] "GET \/some\/path\?x=1 HTTP\/1\.1" 200 \d+ "-" "-" "-"\n/);
    expect(fake.stdout()).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(fake.stderr()).toContain('[notice] 1#1: start worker processes');
    fake.signal('SIGTERM');
    expect(await done).toBe(0);
    expect(fake.stderr()).toContain('signal 15 (SIGTERM) received, exiting');
    await expect(get(port, '/')).rejects.toThrow();
  });

  it('gives every request its own request ID and answers HEAD without a body', async () => {
    const port = await freePort();
    const fake = fakeContext({ argv: ['nginx', '-g', 'daemon off;'], env: { PORT: String(port) } });
    running.push({ fake, done: runPlain(fake.ctx) });
    await until(up(port));
    const ids = await Promise.all([1, 2, 3].map(() => get(port, '/').then((r) => /Request ID: (\w+)/.exec(r.body)![1])));
    expect(new Set(ids).size).toBe(3);
    const head = await get(port, '/', 'HEAD');
    expect(head.body).toBe('');
    await until(() => fake.stdout().includes('"HEAD / HTTP/1.1" 200 0 '));
    expect(fake.stdout()).not.toContain('docker-entrypoint');
  });

  it('reports a taken port as nginx does and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as AddressInfo;
    const fake = fakeContext({ argv: ['nginx'], env: { PORT: String(port) } });
    expect(await runPlain(fake.ctx)).toBe(1);
    expect(fake.stderr()).toContain(`nginx: [emerg] bind() to 127.0.0.1:${port} failed (98: Address in use)\n`);
    await new Promise((r) => blocker.close(r));
  });
});

describe('hello (html)', () => {
  it('serves the page with the same data', async () => {
    const port = await freePort();
    const fake = fakeContext({ argv: ['nginx'], env: { PORT: String(port) }, hostname: 'hello-abc' });
    running.push({ fake, done: runHtml(fake.ctx) });
    await until(up(port));
    const res = await get(port, '/x');
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.body).toContain('<span>hello-abc</span>');
    expect(res.body).toContain(`<span>127.0.0.1:${port}</span>`);
    expect(res.body).toMatch(/Request ID: [0-9a-f]{32}/);
  });
});

describe('sleep', () => {
  it.each([
    [['5'], { seconds: 5 }],
    [['1.5', '2m'], { seconds: 121.5 }],
    [['1h', '1d'], { seconds: 90_000 }],
    [['.5s'], { seconds: 0.5 }],
    [['infinity'], { seconds: Infinity }],
    [['inf'], { seconds: Infinity }],
    [['5x'], { invalid: '5x' }],
    [['-1'], { invalid: '-1' }],
  ])('%j', (ops, expected) => {
    expect(parseSleepOperands(ops)).toEqual(expected);
  });

  it('ends on time with 0, at once on SIGTERM with 0, and with 1 on a bad operand', async () => {
    expect(await runSleep(fakeContext({ argv: ['sleep', '0.05'] }).ctx)).toBe(0);
    const forever = fakeContext({ argv: ['sleep', 'infinity'] });
    const done = runSleep(forever.ctx);
    forever.signal('SIGTERM');
    expect(await done).toBe(0);
    const bad = fakeContext({ argv: ['sleep', 'soon'] });
    expect(await runSleep(bad.ctx)).toBe(1);
    expect(bad.stderr()).toBe("sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.\n");
    const none = fakeContext({ argv: ['sleep'] });
    expect(await runSleep(none.ctx)).toBe(1);
    expect(none.stderr()).toContain('sleep: missing operand');
  });
});

describe('crash', () => {
  it('prints a line and exits with EXIT_CODE after DELAY_SECONDS', async () => {
    const fake = fakeContext({ argv: ['/crash'], env: { EXIT_CODE: '3', DELAY_SECONDS: '0.05' } });
    const t0 = Date.now();
    expect(await runCrash(fake.ctx)).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(fake.stdout()).toMatch(/^crash: started on test-pod; exiting with code 3 in 0.05s\n$/);
    expect(fake.stderr()).toBe('crash: exiting with code 3\n');
  });

  it('defaults to exit code 1', async () => {
    expect(await runCrash(fakeContext({ argv: ['/crash'], env: { DELAY_SECONDS: '0' } }).ctx)).toBe(1);
  });
});

describe('slow-start', () => {
  const at = (readyAfterMs: number, failing = false) => ({ startedAt: 1000, readyAfterMs, failing });
  it.each([
    ['/healthz', at(10_000), 1000, 200],
    ['/healthz', at(10_000, true), 1000, 500],
    ['/ready', at(10_000), 5000, 503],
    ['/ready', at(10_000), 11_000, 200],
    ['/ready', at(0), 1000, 200],
    ['/fail', at(0), 1000, 200],
    ['/nope', at(0), 1000, 404],
  ])('%s → %d at t=%d', (path, state, now, status) => {
    expect(probeAnswer(path, state, now).status).toBe(status);
  });

  it('/fail makes /healthz fail from then on', () => {
    const after = probeAnswer('/fail', at(0), 1000).state;
    expect(probeAnswer('/healthz', after, 2000).status).toBe(500);
  });

  it('serves the probes over HTTP', async () => {
    const port = await freePort();
    const fake = fakeContext({ argv: ['/slow-start'], env: { PORT: String(port), READY_AFTER_SECONDS: '1' } });
    const t0 = Date.now();
    running.push({ fake, done: runSlowStart(fake.ctx) });
    await until(() => get(port, '/healthz').then(() => true, () => false));
    expect((await get(port, '/healthz')).status).toBe(200);
    expect((await get(port, '/ready')).status).toBe(503);
    await until(async () => (await get(port, '/ready')).status === 200, 5000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    await get(port, '/fail');
    expect((await get(port, '/healthz')).status).toBe(500);
    expect(fake.stdout()).toMatch(/GET \/healthz 500\n/);
  });
});
