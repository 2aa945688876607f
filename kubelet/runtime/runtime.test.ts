/**
 * The runtime end to end on this machine: real shims (dist/kubelet/runtime/shim.js, so `npx tsc -b`
 * first), real processes, in a temp root dir. Every shim started here is killed afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSameLiveProcess } from './proc-stat.js';
import { readLogs } from './log-reader.js';
import { ContainerStartError, RuntimeClient, type ContainerStatus } from './runtime-client.js';
import { containerDir, EXIT_FILE, STATE_FILE } from './spec.js';
import { eventually, freeAddress, Harness, shimBuilt } from './testing/harness.js';

const h = new Harness();
afterAll(() => h.cleanup());

function get(ip: string, port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: ip, port, path, agent: false, headers: { 'User-Agent': 'curl/7.88.1' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

const exitFile = (id: string) => join(containerDir(h.rootDir, id), EXIT_FILE);

describe.runIf(shimBuilt)('container runtime', () => {
  it('runs nginxdemos/hello:plain-text: exact page, access log, SIGTERM → exit 0', async () => {
    const { ip, port } = await freeAddress();
    const spec = h.spec('nginxdemos/hello:plain-text', { podIP: ip, hostname: 'hello-abc', env: { PORT: String(port) } });
    const t0 = performance.now();
    const { pid, startedAt } = await h.start(spec);
    const startMs = performance.now() - t0;
    expect(startMs).toBeLessThan(5000);
    console.info(`hello: spawn → state.json in ${startMs.toFixed(0)} ms`);
    expect(Date.parse(startedAt)).toBeGreaterThan(0);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain(`kubelab-container default/pod-1/c`);

    const body = await get(ip, port, '/tutorial?x=1');
    expect(body).toMatch(
      new RegExp(
        `^Server address: ${ip.replace(/\./g, '\\.')}:${port}\\nServer name: hello-abc\\n` +
          'Date: \\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000\\nURI: /tutorial\\?x=1\\nRequest ID: [0-9a-f]{32}\\n$',
      ),
    );
    const logged = await eventually(async () => {
      const out = (await readLogs(spec.logPath)).toString();
      return out.includes('GET /tutorial?x=1') ? out : undefined;
    });
    // The client's address: loopback connections to 127.x come from 127.0.0.1.
    expect(logged).toMatch(/\n127\.0\.0\.1 - - \[[^\]]+\] "GET \/tutorial\?x=1 HTTP\/1\.1" 200 \d+ "-" "curl\/7\.88\.1" "-"\n$/);
    expect(logged.startsWith('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty')).toBe(true);
    expect((await readLogs(spec.logPath, { tailLines: 1, timestamps: true })).toString()).toMatch(/^\d{4}-\d\d-\d\dT[\d:]+\.\d{9}Z \S+ - - /);

    expect(await h.client.inspectContainer(spec.id)).toMatchObject({ state: 'running', pid, startedAt });
    const stopped = await h.client.stopContainer(spec.id, 5);
    expect(stopped).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    expect(JSON.parse(readFileSync(exitFile(spec.id), 'utf8'))).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(isSameLiveProcess(pid, undefined)).toBe(false);
    expect(existsSync(join(containerDir(h.rootDir, spec.id), 'attach.sock'))).toBe(false);
    expect((await readLogs(spec.logPath)).toString()).toContain('[notice] 1#1: signal 15 (SIGTERM) received, exiting');
  });

  it('reports a crash: kubelab/crash exits 1 after its delay, and monitor says so at once', async () => {
    const spec = h.spec('kubelab/crash', { env: { DELAY_SECONDS: '0.3' } });
    await h.start(spec);
    const exited = await new Promise<ContainerStatus>((resolve) => h.client.monitor(spec.id, resolve));
    expect(exited).toMatchObject({ state: 'exited', exitCode: 1, reason: 'Error' });
    expect((await readLogs(spec.logPath)).toString()).toMatch(/^crash: started on pod-1; exiting with code 1 in 0\.3s\ncrash: exiting with code 1\n$/);
  });

  it('calls monitor at once for a container that has already ended, and only once', async () => {
    const spec = h.spec('kubelab/crash', { env: { DELAY_SECONDS: '0' } });
    await h.start(spec);
    await eventually(async () => (await h.client.inspectContainer(spec.id))?.state === 'exited');
    const calls: ContainerStatus[] = [];
    h.client.monitor(spec.id, (s) => calls.push(s));
    await eventually(() => calls.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toHaveLength(1);
  });

  it('gives a built-in program with no handler the signal’s exit code (143)', async () => {
    const spec = h.spec('kubelab/crash', { env: { DELAY_SECONDS: '30' } });
    await h.start(spec);
    expect(await h.client.stopContainer(spec.id, 5)).toMatchObject({ exitCode: 143, signal: 'SIGTERM', reason: 'Error' });
  });

  it('infers 137 when the shim is SIGKILLed: no exit.json, and a stable finishedAt', async () => {
    const spec = h.spec('posquit0/doraemon');
    const { pid } = await h.start(spec);
    const exits: ContainerStatus[] = [];
    h.client.monitor(spec.id, (s) => exits.push(s));
    await new Promise((r) => setTimeout(r, 100));
    process.kill(-pid, 'SIGKILL');
    const status = await eventually(async () => {
      const s = await h.client.inspectContainer(spec.id);
      return s?.state === 'exited' ? s : undefined;
    });
    expect(status).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(existsSync(exitFile(spec.id))).toBe(false);
    expect((await h.client.inspectContainer(spec.id))!.finishedAt).toBe(status.finishedAt);
    await eventually(() => exits.length === 1);
    expect(exits[0]).toMatchObject({ exitCode: 137 });
  });

  it('lets a new client re-adopt a running shim: same PID, and it can stop it', async () => {
    const spec = h.spec('posquit0/doraemon', { restartCount: 3 });
    const { pid } = await h.start(spec);
    const fresh = new RuntimeClient({ rootDir: h.rootDir });
    const found = (await fresh.listContainers()).find((c) => c.id === spec.id);
    expect(found).toMatchObject({ state: 'running', pid, restartCount: 3, image: 'posquit0/doraemon' });
    expect(await fresh.stopContainer(spec.id, 5)).toMatchObject({ state: 'exited', exitCode: 0 });
    await fresh.removeContainer(spec.id);
    expect(await fresh.inspectContainer(spec.id)).toBeUndefined();
    expect(existsSync(spec.logPath)).toBe(true);
  });

  it('runs host commands with the container’s environment, stdout and stderr apart', async () => {
    const spec = h.spec('posquit0/doraemon', { command: ['sh', '-c', 'echo "out $HOSTNAME $GREETING"; echo err >&2; exit 3'], env: { GREETING: 'hi' } });
    await h.start(spec);
    const exited = await new Promise<ContainerStatus>((resolve) => h.client.monitor(spec.id, resolve));
    expect(exited).toMatchObject({ exitCode: 3, reason: 'Error' });
    const raw = readFileSync(spec.logPath, 'utf8');
    expect(raw).toMatch(/ stdout F out pod-1 hi\n/);
    expect(raw).toMatch(/ stderr F err\n/);
  });

  it('fails to start an unknown command with containerd’s StartError', async () => {
    const spec = h.spec('posquit0/doraemon', { command: ['no-such-command-kubelab'] });
    const err = await h.client.startContainer(spec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContainerStartError);
    expect(err).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect((err as Error).message).toContain('exec: "no-such-command-kubelab": executable file not found in $PATH');
    expect(existsSync(join(containerDir(h.rootDir, spec.id), STATE_FILE))).toBe(false);
    expect(await h.client.inspectContainer(spec.id)).toMatchObject({ state: 'exited', reason: 'StartError', exitCode: 128 });
  });

  it('SIGKILLs the process group when the grace period runs out', async () => {
    const spec = h.spec('posquit0/doraemon', { command: ['sh', '-c', 'trap "" TERM; sleep 30 & wait'] });
    await h.start(spec);
    const childPid = await eventually(() => {
      const st = JSON.parse(readFileSync(join(containerDir(h.rootDir, spec.id), STATE_FILE), 'utf8')) as { childPid?: number };
      return st.childPid;
    });
    const t0 = Date.now();
    const stopped = await h.client.stopContainer(spec.id, 0.3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(stopped).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(existsSync(exitFile(spec.id))).toBe(false);
    await eventually(() => !isSameLiveProcess(childPid, undefined));
  });

  it('runs an exec probe in the container’s environment, with a timeout', async () => {
    const spec = h.spec('posquit0/doraemon', { env: { PROBE: 'ok' } });
    await h.start(spec);
    expect(await h.client.exec(spec.id, ['sh', '-c', 'echo $PROBE; echo e >&2; exit 2'], 2000)).toEqual({ exitCode: 2, output: 'ok\ne\n', timedOut: false });
    expect(await h.client.exec(spec.id, ['sleep', '5'], 100)).toMatchObject({ timedOut: true, exitCode: 137 });
    await h.client.stopContainer(spec.id, 1);
  });

  it('cannot remove a running container', async () => {
    const spec = h.spec('posquit0/doraemon');
    await h.start(spec);
    await expect(h.client.removeContainer(spec.id)).rejects.toThrow('it is running');
    await expect(h.client.startContainer(spec)).rejects.toThrow('already exists');
    await h.client.stopContainer(spec.id, 0);
  });
});
