/**
 * `kubelab up`: prepare the directory, start the components tier by tier (each tier in parallel, the
 * next only once the previous is ready), print one line per component as it becomes ready (and one per
 * component `--without` left out), write and merge the kubeconfig, then either return (--detach) or
 * stay in the foreground streaming logs until Ctrl-C stops the cluster.
 *
 * Invariant: if any component fails to become ready, everything this run started is stopped again
 * (containers a kubelet had already started included) before the error is reported, so a failed `up`
 * leaves no process behind.
 */
import { apiserverURL } from '../cluster-config.js';
import { startComponent, stopCluster } from '../cluster-ops.js';
import { saveConfig } from '../cluster-store.js';
import { NotReadyError } from '../errors.js';
import { mergeIntoUserKubeconfig } from '../kubeconfig-file.js';
import type { CliContext } from '../runtime.js';
import { tiers, type ComponentRecord } from '../state.js';
import { prepareCluster, type PreparedCluster, type UpFlags } from '../up-plan.js';
import { runForeground } from '../foreground.js';
import { fileSize } from '../log-tail.js';
import { userKubeconfigPath } from '../kubeconfig.js';

/** What `up` was asked: the cluster's flags (as the plan reads them) plus how to run. */
export interface UpOptions extends UpFlags {
  detach: boolean;
  mergeKubeconfig: boolean;
  timeoutSeconds: number;
}

const DOWN_GRACE_MS = 10_000;

export async function up(opts: UpOptions, cli: CliContext): Promise<number> {
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const prepared = await prepareCluster(opts, cli);
    cli.out(`Starting cluster "${prepared.sctx.config.name}" in ${prepared.paths.dir} (profile ${prepared.sctx.config.profile})\n`);
    const offsets = Object.fromEntries(prepared.records.map((r) => [r.name, fileSize(r.logFile)]));
    const started = await startAll(prepared, cli, opts, interrupt.signal);
    if (!started) return 1;
    if (interrupt.signal.aborted) {
      // Ctrl-C arrived just as the last component became ready: honour it.
      await stopCluster(prepared.paths, { graceMs: DOWN_GRACE_MS });
      return 130;
    }
    finish(prepared, opts, cli);
    if (opts.detach) return 0;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    return await runForeground(prepared.paths, cli, { graceMs: DOWN_GRACE_MS, offsets });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Starts every tier; on failure or interrupt stops what it started and reports why. */
async function startAll(prepared: PreparedCluster, cli: CliContext, opts: UpOptions, signal: AbortSignal): Promise<boolean> {
  const width = Math.max(...prepared.records.map((r) => r.name.length));
  for (const r of prepared.records.filter((r) => prepared.leftOut.has(r.name))) {
    cli.out(` - ${r.name.padEnd(width)}  left out (--without); start it with: kubelab start ${r.name} --dir ${prepared.paths.dir}\n`);
  }
  for (const tier of tiers(prepared.records.filter((r) => !prepared.leftOut.has(r.name)))) {
    // allSettled, not all: a tier is over only when every member is ready or has failed, so no line
    // about a component arrives after the failure report.
    const results = await Promise.allSettled(tier.map((record) => startOne(prepared, record, cli, opts, signal, width)));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failed.length === 0 && !signal.aborted) continue;
    for (const err of failed) {
      if (!(err instanceof NotReadyError)) throw err;
      reportFailure(err, prepared, cli, signal.aborted);
    }
    await stopCluster(prepared.paths, { graceMs: DOWN_GRACE_MS });
    cli.err(signal.aborted ? 'Interrupted: the cluster was stopped again.\n' : 'Nothing was left running.\n');
    return false;
  }
  return true;
}

async function startOne(prepared: PreparedCluster, record: ComponentRecord, cli: CliContext, opts: UpOptions, signal: AbortSignal, width: number): Promise<void> {
  const t0 = Date.now();
  await startComponent(prepared.sctx, record, cli, { timeoutMs: opts.timeoutSeconds * 1000, signal });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  cli.out(` ✓ ${record.name.padEnd(width)}  ready in ${secs.padStart(4)}s${record.endpoint ? `   ${record.endpoint}` : ''}\n`);
}

function reportFailure(err: NotReadyError, prepared: PreparedCluster, cli: CliContext, interrupted: boolean): void {
  if (interrupted) return;
  cli.err(` ✗ ${err.message}\n`);
  if (err.logTail.length) {
    cli.err(`   last lines of ${prepared.paths.log(err.component)}:\n`);
    for (const line of err.logTail) cli.err(`     ${line}\n`);
  }
}

function finish(prepared: PreparedCluster, opts: UpOptions, cli: CliContext): void {
  const { config, paths } = prepared.sctx;
  cli.out(`Cluster "${config.name}" is ready: ${apiserverURL(config)}\n`);
  cli.out(`  kubeconfig: ${paths.kubeconfig}\n`);
  if (opts.mergeKubeconfig) {
    const target = userKubeconfigPath(cli.kubeconfigEnv, cli.home);
    mergeIntoUserKubeconfig(paths.kubeconfig, target);
    saveConfig(paths, { ...config, mergedKubeconfig: target });
    cli.out(`  merged into ${target}; kubectl's current context is now "${config.name}"\n`);
    cli.out('  try: kubectl get namespaces\n');
  } else {
    cli.out(`  try: KUBECONFIG=${paths.kubeconfig} kubectl get namespaces\n`);
  }
  cli.out(opts.detach ? `  stop it with: kubelab down --dir ${paths.dir}\n` : '  streaming logs; press Ctrl-C to stop the cluster\n');
}
