/**
 * The interactive paths of the tutorial through a real terminal (tmux), with the real kubectl against
 * a cluster from the launcher and a real kubelet: `kubectl run -it ... -- bash` opens the container's
 * own shell and `kubectl attach -it` joins it again
 * once it has restarted (kubectl run sets stdinOnce); `kubectl exec -it hello -c debug -- bash`
 * opens a shell with the tutorial's prompt `root@hello:/#`, in which $HOSTNAME is the pod's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './harness/cluster.js';
import { eventually, privateTmux } from './nodes-support.js';
import { kubectlEnv, ok } from './support/kubectl.js';

const MULTI = '/work/shared/seed/manifests/multi.yaml';

describe('kubectl run, attach and exec on a terminal', () => {
  let cluster: Cluster;
  const tmux = privateTmux(`kubelab-e2e-nodes-terminal-${process.pid}`);

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1 });
  });

  afterAll(async () => {
    await tmux(['kill-server']).catch(() => undefined);
    await cluster?.stop();
  });

  /** Runs `command` (with the cluster's kubectl environment) in a new tmux session named `name`. */
  async function terminal(name: string, command: string) {
    const env = Object.entries(kubectlEnv(cluster)).map(([k, v]) => `${k}=${v}`).join(' ');
    await tmux(['new-session', '-d', '-s', name, '-x', '120', '-y', '40', `env ${env} ${command}; echo "EXIT=$?"; sleep 60`]);
    let last = '';
    const see = (what: string, test: (screen: string) => boolean, timeoutMs = 20_000) =>
      eventually(what, async () => (test((last = await tmux(['capture-pane', '-p', '-t', name]))) ? last : undefined), timeoutMs, 100)
        .catch((err) => {
          throw new Error(`${String(err)}; the terminal shows:\n${last}`);
        });
    const type = (line: string) => tmux(['send-keys', '-t', name, line, 'Enter']);
    return { see, type };
  }

  it('runs a shell with kubectl run -it, and attaches to it again', async () => {
    const run = await terminal('run', 'kubectl run -it test --image=posquit0/doraemon -- bash');
    await run.see('kubectl to hand over the terminal', (s) => s.includes("If you don't see a command prompt, try pressing enter."), 40_000);
    await run.type('echo "host=$HOSTNAME tty=$(tty)"');
    await run.see('the pod\'s name', (s) => /^host=test tty=\/dev\/pts\/\d+$/m.test(s));
    // kubectl run sets stdinOnce: when this first session ends, the shell's stdin closes, it exits,
    // and restartPolicy Always starts a new one, which `kubectl attach` joins.
    await tmux(['kill-session', '-t', 'run']);
    const pod = JSON.parse(ok(await cluster.kubectl(['get', 'pod', 'test', '-o', 'json'])));
    expect(pod.spec.containers[0]).toMatchObject({ stdin: true, stdinOnce: true, tty: true });
    await eventually('the shell to be started again', async () => {
      const c = JSON.parse(ok(await cluster.kubectl(['get', 'pod', 'test', '-o', 'json']))).status.containerStatuses[0];
      return c.restartCount >= 1 && c.state.running ? c : undefined;
    }, 30_000, 500);
    const attach = await terminal('attach', 'kubectl attach -it test');
    await attach.see('kubectl to attach', (s) => s.includes("If you don't see a command prompt, try pressing enter."));
    await attach.type('echo "again=$HOSTNAME tty=$(tty)"');
    await attach.see('the pod\'s shell', (s) => /^again=test tty=\/dev\/pts\/\d+$/m.test(s));
    await tmux(['kill-session', '-t', 'attach']);
  }, 80_000);

  it('opens a shell with the tutorial\'s prompt in a pod\'s container with exec -it', async () => {
    ok(await cluster.kubectl(['apply', '-f', MULTI]));
    await eventually('hello to be 2/2 Running', async () =>
      /^hello\s+2\/2\s+Running\s/.test(ok(await cluster.kubectl(['get', 'pod', 'hello', '--no-headers']))) || undefined, 40_000, 500);
    const exec = await terminal('exec', 'kubectl exec -it hello -c debug -- bash');
    await exec.see('the prompt', (s) => /^root@hello:\/#\s*$/m.test(s));
    await exec.type('echo $HOSTNAME');
    await exec.see('the pod\'s name', (s) => /^hello$/m.test(s));
    await exec.type('cd /tmp');
    await exec.see('the prompt to follow the directory', (s) => /^root@hello:\/tmp#\s*$/m.test(s));
    await exec.type('exit 3');
    await exec.see('kubectl to exit with the shell\'s code', (s) => s.includes('EXIT=3'));
  }, 60_000);
});
