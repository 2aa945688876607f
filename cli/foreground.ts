/**
 * The foreground half of `kubelab up`: stream every component's log, prefixed and readable, and report
 * state changes (a component killed, stopped, restarted from another terminal) as they happen. Ctrl-C
 * (SIGINT) or SIGTERM stops the whole cluster, the kubelets' containers included; a `kubelab down` from elsewhere ends the foreground too.
 * Thin I/O around log-format.ts and status-view.ts.
 */
import type { ClusterPaths } from './cluster-paths.js';
import { stopCluster } from './cluster-ops.js';
import { loadState } from './cluster-store.js';
import { componentColor, formatLogLine, prefixLine } from './log-format.js';
import { LogTail } from './log-tail.js';
import { readProcStat } from './procfs.js';
import type { CliContext } from './runtime.js';
import type { ComponentState } from './state.js';
import { statusRows } from './status-view.js';

const WATCH_MS = 1_000;
const SELF = 'kubelab';

export interface ForegroundOptions {
  graceMs: number;
  /** Log offset per component at which this `up` started it, so its startup lines are shown too. */
  offsets: Record<string, number>;
}

export function runForeground(paths: ClusterPaths, cli: CliContext, opts: ForegroundOptions): Promise<number> {
  return new Promise((resolve) => new Foreground(paths, cli, opts, resolve).start());
}

class Foreground {
  private readonly tail: LogTail;
  private readonly width: number;
  private readonly colors: Map<string, number | undefined>;
  private last = new Map<string, ComponentState>();
  private stopping = false;
  private watcher: NodeJS.Timeout | undefined;
  private readonly onSignal = () => this.stopCluster();

  constructor(
    private readonly paths: ClusterPaths,
    private readonly cli: CliContext,
    private readonly opts: ForegroundOptions,
    private readonly done: (code: number) => void,
  ) {
    const records = loadState(paths).components;
    this.width = Math.max(SELF.length, ...records.map((r) => r.name.length));
    this.colors = new Map(records.map((r, i) => [r.name, cli.tty ? componentColor(i) : undefined]));
    const files = records.map((r) => ({ name: r.name, path: r.logFile, offset: opts.offsets[r.name] ?? 0 }));
    this.tail = new LogTail(files, (name, line) => this.print(name, formatLogLine(line)));
  }

  start(): void {
    this.tail.start();
    this.watch();
    this.watcher = setInterval(() => this.watch(), WATCH_MS);
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  private print(name: string, text: string): void {
    const color = this.colors.get(name);
    this.cli.out(prefixLine(name, text, { width: this.width, ...(color !== undefined ? { color } : {}) }) + '\n');
  }

  /** Reports every state change since the last look; ends when someone else downed the cluster. */
  private watch(): void {
    const state = loadState(this.paths);
    const rows = statusRows(state, readProcStat, Date.now());
    for (const row of rows) {
      const before = this.last.get(row.name);
      if (before !== undefined && before !== row.state) this.print(SELF, `${row.name} is now ${row.state}${row.pid ? ` (pid ${row.pid})` : ''}`);
    }
    this.last = new Map(rows.map((r) => [r.name, r.state]));
    const downedElsewhere = state.components.every((r) => r.desired === 'stopped') && rows.every((r) => r.state === 'stopped');
    if (!this.stopping && downedElsewhere) {
      this.print(SELF, 'the cluster was stopped by kubelab down');
      this.finish(0);
    }
  }

  private stopCluster(): void {
    if (this.stopping) {
      this.print(SELF, 'already stopping; waiting for components to exit');
      return;
    }
    this.stopping = true;
    this.print(SELF, 'stopping the cluster');
    void stopCluster(this.paths, {
      graceMs: this.opts.graceMs,
      onStopped: (r, killed) => this.print(SELF, `${r.name} ${killed ? 'killed after the grace period' : 'stopped'}`),
      onContainersStopped: ({ stopped }) => {
        if (stopped.length) this.print(SELF, `${stopped.length} container${stopped.length === 1 ? '' : 's'} stopped`);
      },
    }).then((left) => {
      if (left.length) this.cli.err(`error: processes still running after stop: ${left.join(', ')}\n`);
      this.finish(left.length ? 1 : 0);
    });
  }

  private finish(code: number): void {
    clearInterval(this.watcher);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    this.tail.stop();
    this.done(code);
  }
}
