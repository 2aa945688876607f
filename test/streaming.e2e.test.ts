/**
 * `kubectl logs`, `exec` and `attach` as a user meets them, through the apiserver and NATS to the node
 * that runs the pod, with the real kubectl. The node here is a stand-in (test/harness/stand-in-node.ts):
 * the kubelet's own streaming code over real container files and processes, so these stories hold
 * whatever the state of the rest of the kubelet. Interactive exec runs in a real terminal (tmux),
 * because kubectl only asks for a TTY when it has one.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, startCluster, type Cluster } from './harness/cluster.js';
import { StandInNode } from './harness/stand-in-node.js';
import { kubectlEnv } from './support/kubectl.js';
import { eventually as waitFor } from './harness/eventually.js';

const GREETING = 'hello from the pod';

describe('logs and exec through the apiserver', () => {
  let cluster: Cluster;
  let node: StandInNode;
  const tmuxSocket = `kubelab-e2e-streaming-${process.pid}`;

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    node = await StandInNode.start(cluster, 'stand-in-1');
    await node.runPod('hello', [
      { name: 'nginx', env: { GREETING }, log: ['Server started', 'GET / 200', 'GET /healthz 200'] },
      { name: 'debug', log: ['toolbox ready'] },
    ]);
    await node.runPod('waiting', [{ name: 'nginx', waiting: 'ContainerCreating' }]);
  });

  afterAll(async () => {
    await tmux(['kill-server']).catch(() => undefined);
    await node?.stop();
    await cluster?.stop();
  });

  describe('kubectl logs', () => {
    it('prints a container\'s log', async () => {
      const r = await cluster.kubectl(['logs', 'hello', '-c', 'nginx']);
      expect(r).toMatchObject({ code: 0, stdout: 'Server started\nGET / 200\nGET /healthz 200\n' });
    });

    it('prints the last lines with their timestamps', async () => {
      const r = await cluster.kubectl(['logs', 'hello', '-c', 'nginx', '--tail=1', '--timestamps']);
      expect(r.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z GET \/healthz 200\n$/);
    });

    it('names the containers to choose from when none is given to the API', async () => {
      const r = await apiGet(cluster, '/api/v1/namespaces/default/pods/hello/log');
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ reason: 'BadRequest', message: 'a container name must be specified for pod hello, choose one of: [nginx debug]' });
    });

    it('refuses an unknown container', async () => {
      const r = await cluster.kubectl(['logs', 'hello', '-c', 'x']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('container x is not valid for pod hello');
    });

    it('says what a container that has not started is waiting for', async () => {
      const r = await cluster.kubectl(['logs', 'waiting']);
      expect(r).toMatchObject({ code: 1, stderr: 'Error from server (BadRequest): container "nginx" in pod "waiting" is waiting to start: ContainerCreating\n' });
    });

    it('says there is no previous container', async () => {
      const r = await cluster.kubectl(['logs', 'hello', '-c', 'nginx', '--previous']);
      expect(r.stderr).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "hello" not found\n');
    });

    it('follows the log until the container stops', async () => {
      await node.runPod('follow', [{ name: 'app', log: ['first'] }]);
      const child = spawn('kubectl', ['logs', '-f', 'follow'], { env: { ...process.env, ...kubectlEnv(cluster) } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await eventually('the first line', async () => (out.includes('first\n') ? true : undefined));
      node.appendLog('follow', 'app', 'second');
      await eventually('the appended line', async () => (out.includes('second\n') ? true : undefined));
      node.appendLog('follow', 'app', 'last words');
      node.stopContainer('follow', 'app');
      expect(await withTimeout(exited, 10_000, () => child.kill('SIGKILL'))).toBe(0);
      expect(out).toBe('first\nsecond\nlast words\n');
    });
  });

  describe('kubectl exec', () => {
    it('runs a command in the container\'s environment', async () => {
      const r = await cluster.kubectl(['exec', 'hello', '-c', 'nginx', '--', 'env']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`GREETING=${GREETING}\n`);
      expect(r.stdout).toContain('HOSTNAME=hello\n');
    });

    it('exits with the command\'s exit code', async () => {
      const r = await cluster.kubectl(['exec', 'hello', '-c', 'nginx', '--', 'sh', '-c', 'echo to stderr >&2; exit 3']);
      expect(r).toMatchObject({ code: 3, stderr: 'to stderr\ncommand terminated with exit code 3\n' });
    });

    it('passes piped stdin through to its end', async () => {
      const r = await cluster.kubectl(['exec', '-i', 'hello', '-c', 'debug', '--', 'sh', '-c', 'cat; echo done'], { input: 'line 1\nline 2\n' });
      expect(r).toMatchObject({ code: 0, stdout: 'line 1\nline 2\ndone\n' });
    });

    it('opens an interactive shell on a real terminal that follows its size', async () => {
      const env = Object.entries(kubectlEnv(cluster)).map(([k, v]) => `${k}=${v}`).join(' ');
      const cmd = `env ${env} kubectl exec -it hello -c nginx -- bash --norc; echo "EXIT=$?"; sleep 60`;
      await tmux(['new-session', '-d', '-s', 'exec', '-x', '120', '-y', '40', cmd]);
      let last = '';
      const screen = async () => (last = await tmux(['capture-pane', '-p', '-t', 'exec']));
      const see = (what: string, test: (s: string) => boolean) =>
        eventually(what, async () => (test(await screen()) ? true : undefined)).catch((err) => {
          throw new Error(`${String(err)}; the terminal shows:\n${last}`);
        });
      await see('a prompt', (s) => /bash-[\d.]+[$#]/.test(s));
      await tmux(['send-keys', '-t', 'exec', 'echo "G=$GREETING T=$(tty)"', 'Enter']);
      await see('the environment', (s) => s.includes(`G=${GREETING} T=/dev/pts/`));
      await tmux(['resize-window', '-t', 'exec', '-x', '100', '-y', '30']);
      await tmux(['send-keys', '-t', 'exec', 'stty size', 'Enter']);
      await see('the new size', (s) => /^30 100$/m.test(s));
      await tmux(['send-keys', '-t', 'exec', 'exit 7', 'Enter']);
      await see('kubectl to exit', (s) => s.includes('EXIT=7'));
    });

    it('says what a container that has not started is waiting for', async () => {
      const r = await cluster.kubectl(['exec', 'waiting', '--', 'env']);
      expect(r).toMatchObject({ code: 1, stderr: 'Error from server (BadRequest): container "nginx" in pod "waiting" is waiting to start: ContainerCreating\n' });
    });

    it('names a missing command', async () => {
      const r = await cluster.kubectl(['exec', 'hello', '-c', 'nginx', '--', 'no-such-command']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('exec: "no-such-command": executable file not found in $PATH');
    });

    it('explains that SPDY is not spoken when kubectl is told to use it', async () => {
      const r = await cluster.kubectl(['exec', 'hello', '-c', 'nginx', '--', 'env'], { env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('SPDY is not supported');
    });
  });

  describe('kubectl attach', () => {
    it('joins the container\'s stdin and output until it ends', async () => {
      // The stand-in's attach.sock echoes stdin to stdout and stderr, and ends when stdin does.
      const r = await cluster.kubectl(['attach', '-i', 'hello', '-c', 'debug'], { input: 'hello attach\n' });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('hello attach\n');
      expect(r.stderr).toContain('hello attach\n');
    });
  });

  describe('a node that is down', () => {
    it('fails logs and exec at once when no kubelet serves the node', async () => {
      const ghost = await StandInNode.start(cluster, 'ghost-1');
      await ghost.runPod('ghost', [{ name: 'app', log: ['boo'] }]);
      await ghost.crash();
      const started = Date.now();
      const logs = await cluster.kubectl(['logs', 'ghost']);
      const exec = await cluster.kubectl(['exec', 'ghost', '--', 'env']);
      await ghost.stop();
      expect(logs).toMatchObject({ code: 1, stderr: 'Error from server (ServiceUnavailable): the kubelet on node "ghost-1" is not connected: is the node down?\n' });
      expect(exec.stderr).toContain('the kubelet on node "ghost-1" is not connected');
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('fails logs within seconds when the kubelet hangs', async () => {
      const hung = await StandInNode.start(cluster, 'hung-1');
      await hung.runPod('hung', [{ name: 'app', log: ['zzz'] }]);
      hung.hang();
      const started = Date.now();
      const logs = await cluster.kubectl(['logs', 'hung']);
      await hung.stop();
      expect(logs).toMatchObject({ code: 1, stderr: 'Error from server (ServiceUnavailable): the kubelet on node "hung-1" did not answer within 5s: is the node down?\n' });
      expect(Date.now() - started).toBeLessThan(8_000);
    });

    it('cuts a followed log within seconds when the node dies, so kubectl fails', async () => {
      const dying = await StandInNode.start(cluster, 'dying-0');
      await dying.runPod('dying-log', [{ name: 'app', log: ['before'] }]);
      const child = spawn('kubectl', ['logs', '-f', 'dying-log'], { env: { ...process.env, ...kubectlEnv(cluster) } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await eventually('the log', async () => (out.includes('before') ? true : undefined));
      const started = Date.now();
      await dying.crash();
      const code = await withTimeout(exited, 20_000, () => child.kill('SIGKILL'));
      await dying.stop();
      expect({ code, err }).toMatchObject({ code: 1, err: expect.stringMatching(/^error: /) });
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('ends a running exec with an error within seconds when the node dies', async () => {
      const dying = await StandInNode.start(cluster, 'dying-1');
      await dying.runPod('dying', [{ name: 'app' }]);
      const child = spawn('kubectl', ['exec', 'dying', '--', 'sh', '-c', 'echo started; sleep 60'], { env: { ...process.env, ...kubectlEnv(cluster) } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await eventually('the command to start', async () => (out.includes('started') ? true : undefined));
      const started = Date.now();
      await dying.crash();
      const code = await withTimeout(exited, 20_000, () => child.kill('SIGKILL'));
      await dying.stop();
      expect(code).toBe(1);
      expect(err).toContain('the stream to the kubelet on node "dying-1" broke');
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });

  /** tmux on a private server; stdin is not a pipe here because tmux does not read it. */
  function tmux(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn('tmux', ['-L', tmuxSocket, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`tmux ${args[0]}: ${err}`))));
    });
  }
});

const eventually = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000) => waitFor(what, fn, timeoutMs);

async function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => (onTimeout(), resolve('timeout')), ms)));
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}
