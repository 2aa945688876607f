#!/usr/bin/env node
/**
 * `kubelab`: start a whole cluster as local processes and break it on purpose.
 *
 *   kubelab up [--dir DIR] [--nodes N] [--apiservers N] [--schedulers N] [--without scheduler,kubelets]
 *              [--profile fast|default] [--port P] [--detach]
 *   kubelab down [--dir DIR] [--purge]
 *   kubelab status [--dir DIR] [-o json]
 *   kubelab logs COMPONENT [-f] [--dir DIR]
 *   kubelab kill|stop|start|pause|resume COMPONENT [--dir DIR]
 *   kubelab init-config --dir /config        (compose: credentials, PKI and configs only)
 *
 * This is the only file that reads the process environment (HOME, KUBECONFIG, PATH, TMPDIR) and the
 * command line; commands get a CliContext and typed options. Errors the user can act on (CliError) are
 * printed as one line with exit code 1; anything else is a bug and keeps its stack.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PROFILES, type Profile } from './cluster-config.js';
import { down } from './commands/down.js';
import { initConfig, type InitConfigOptions } from './commands/init-config.js';
import { lifecycle, type LifecycleVerb } from './commands/lifecycle.js';
import { logs } from './commands/logs.js';
import { status } from './commands/status.js';
import { up } from './commands/up.js';
import { CliError } from './errors.js';
import { findExecutable, type CliContext } from './runtime.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const defaultDir = join(homedir(), '.kubelab');

function cliContext(): CliContext {
  const isExecutable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const uid = process.getuid?.() ?? 0;
  return {
    runtime: {
      node: process.execPath,
      repoRoot,
      // A bare name when missing: spawning it then fails with a hint on how to install it.
      redisServer: findExecutable('redis-server', process.env.PATH, isExecutable) ?? 'redis-server',
      natsServer: findExecutable('nats-server', process.env.PATH, isExecutable) ?? 'nats-server',
    },
    home: homedir(),
    kubeconfigEnv: process.env.KUBECONFIG,
    env: process.env,
    rangeRegistry: join(tmpdir(), `kubelab-${uid}`, 'ranges'),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    tty: process.stdout.isTTY === true,
  };
}

function int(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    return n;
  };
}

function entry(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const m = /^([a-z-]+)=(.+)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected GROUP=PATH, e.g. apiserver=/path/to/main.js');
  return { ...previous, [m[1]!]: resolve(m[2]!) };
}

function list(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

const dirOption = () => new Option('--dir <dir>', 'cluster directory').default(defaultDir, '~/.kubelab');
const timeoutOption = (what: string, seconds: number) => new Option('--timeout <seconds>', what).argParser(int(1, 3600)).default(seconds);

function run(action: (cli: CliContext) => Promise<number> | number): Promise<void> {
  return Promise.resolve()
    .then(() => action(cliContext()))
    .then((code) => {
      process.exitCode = code;
    });
}

interface UpCommandOptions {
  dir: string;
  name?: string;
  nodes?: number;
  apiservers?: number;
  schedulers?: number;
  without: string[];
  profile?: Profile;
  port?: number;
  detach: boolean;
  mergeKubeconfig: boolean;
  timeout: number;
  entry?: Record<string, string>;
}

function addUp(program: Command): void {
  program
    .command('up')
    .description('start a cluster: redis, nats, apiserver(s), scheduler(s) and one kubelet per node')
    .addOption(dirOption())
    .option('--name <name>', 'cluster, context and user name in the kubeconfig (default: kubelab)')
    .option('--nodes <n>', 'number of nodes (default: 1)', int(0, 254))
    .option('--apiservers <n>', 'number of apiserver replicas (default: 1)', int(1, 9))
    .option('--schedulers <n>', 'number of scheduler replicas, with leader election (default: 1)', int(1, 9))
    .option('--without <components>', 'do not start these (comma-separated): scheduler, kubelets or one instance such as kubelet-node-2', list, [])
    .addOption(new Option('--profile <profile>', 'timing profile (default: default)').choices(PROFILES))
    .option('--port <port>', 'apiserver port (default: 6443 for ~/.kubelab if free, else any free port)', int(1, 65535))
    .option('-d, --detach', 'return once every component is ready instead of streaming logs', false)
    .option('--no-merge-kubeconfig', 'do not merge the context into the user kubeconfig')
    .addOption(timeoutOption('seconds each component may take to become ready', 60))
    .addOption(new Option('--entry <group=path>', 'run a component group from another entry script').argParser(entry).hideHelp())
    .action((o: UpCommandOptions) =>
      run((cli) => {
        const dir = resolve(o.dir);
        // Unset flags stay unset, so that `up` keeps what the directory used last time.
        const given = { name: o.name, nodes: o.nodes, apiservers: o.apiservers, schedulers: o.schedulers, profile: o.profile, port: o.port, entries: o.entry };
        const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
        return up({ dir, defaultDir: dir === defaultDir, ...defined, without: o.without, detach: o.detach, mergeKubeconfig: o.mergeKubeconfig, timeoutSeconds: o.timeout }, cli);
      }),
    );
}

function addDownStatusLogs(program: Command): void {
  program
    .command('down')
    .description('stop every component (reverse start order); --purge also deletes the directory')
    .addOption(dirOption())
    .option('--purge', 'delete the cluster directory and its kubeconfig context', false)
    .addOption(timeoutOption('seconds to wait after SIGTERM before SIGKILL', 10))
    .action((o: { dir: string; purge: boolean; timeout: number }) => run((cli) => down({ dir: resolve(o.dir), purge: o.purge, timeoutSeconds: o.timeout }, cli)));

  program
    .command('status')
    .description('each component with its PID and state (running, paused, exited, stopped)')
    .addOption(dirOption())
    .option('-o, --output <format>', 'table or json', 'table')
    .action((o: { dir: string; output: string }) => run((cli) => status({ dir: resolve(o.dir), output: o.output }, cli)));

  program
    .command('logs')
    .description("print a component's log file")
    .argument('<component>', 'component name, e.g. apiserver-1 or redis')
    .addOption(dirOption())
    .option('-f, --follow', 'keep printing new lines', false)
    .action((component: string, o: { dir: string; follow: boolean }) => run((cli) => logs(component, { dir: resolve(o.dir), follow: o.follow }, cli)));
}

const LIFECYCLE: Array<[LifecycleVerb, string]> = [
  ['kill', 'SIGKILL a component (or every instance of a group): a crash'],
  ['stop', 'SIGTERM a component, SIGKILL after the timeout'],
  ['start', 'start a stopped or exited component again with the same command line'],
  ['pause', 'SIGSTOP a component: it hangs without dying'],
  ['resume', 'SIGCONT a paused component'],
];

function addLifecycle(program: Command): void {
  for (const [verb, description] of LIFECYCLE) {
    program
      .command(verb)
      .description(description)
      .argument('<component>', 'component name (apiserver-1, kubelet-node-2) or group (apiserver, scheduler, kubelets)')
      .addOption(dirOption())
      .addOption(timeoutOption(verb === 'start' ? 'seconds to wait until ready' : 'seconds to wait after SIGTERM', verb === 'start' ? 60 : 10))
      .action((component: string, o: { dir: string; timeout: number }) =>
        run((cli) => lifecycle(verb, component, { dir: resolve(o.dir), timeoutSeconds: o.timeout }, cli)),
      );
  }
}

function addInitConfig(program: Command): void {
  program
    .command('init-config')
    .description('write credentials, the PKI and redis/nats configs for compose, without starting anything')
    .requiredOption('--dir <dir>', 'config directory (a volume shared by the compose services)')
    .option('--name <name>', 'cluster name in the kubeconfig', 'kubelab')
    .option('--redis-host <host>', 'host name components dial for redis', 'redis')
    .option('--redis-port <port>', 'redis port', int(1, 65535), 6379)
    .option('--redis-data-dir <dir>', "redis's data directory inside its container", '/data')
    .option('--nats-host <host>', 'host name components dial for nats', 'nats')
    .option('--nats-port <port>', 'nats client port', int(1, 65535), 4222)
    .option('--nats-monitor-port <port>', 'nats monitoring port (/healthz)', int(1, 65535), 8222)
    .option('--bind <address>', 'address redis and nats listen on', '0.0.0.0')
    .option('--server <url>', 'apiserver URL for the kubeconfig', 'https://127.0.0.1:6443')
    .option('--service-cluster-ip-range <cidr>', "the apiserver's service range; its first IP goes into the serving certificate", '10.96.0.0/12')
    .option('--apiserver-cert-extra-sans <names>', 'more DNS names or IPs for the serving certificate, comma-separated', list, [])
    .option('--world-readable', 'make the files readable by the other containers (they run as other uids)', false)
    .action((o: InitConfigOptions) => run((cli) => initConfig({ ...o, dir: resolve(o.dir) }, cli)));
}

function buildProgram(): Command {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const program = new Command('kubelab').description('A Kubernetes control plane you can run, watch and break.').version(pkg.version);
  addUp(program);
  addDownStatusLogs(program);
  addLifecycle(program);
  addInitConfig(program);
  return program;
}

// `kubelab status | head -1` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  });
