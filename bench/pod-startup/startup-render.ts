/**
 * The pod start-up benchmark's tables (Markdown, pasteable into docs/performance.md). Pure.
 *
 *   renderStartup({ rounds, kubeletRssKb, notes })
 */
import { fmtMs, fmtRatio, table } from '../apiserver/render-text.js';
import type { RoundComparison } from './startup-math.js';

export interface StartupReport {
  rounds: RoundComparison[];
  /** Per kubelet, RSS (KiB) read after each round: kubelet name → n → KiB. */
  kubeletRssKb: Record<string, Record<number, number | undefined>>;
  notes: string[];
}

/** "100", or "1 ×20" for 20 repeated single-pod rounds. */
const pods = (r: RoundComparison) => (r.repeats > 1 ? `${r.n} ×${r.repeats}` : String(r.n));
const mib = (kb: number | undefined) => (kb !== undefined && Number.isFinite(kb) ? (kb / 1024).toFixed(1) : '–');

function latencyRows(r: RoundComparison): string[][] {
  const row = (side: string, s: RoundComparison['kubelab'], all: number, x: string[]) =>
    [pods(r), side, `${s.n}/${r.n * r.repeats}`, fmtMs(s.p50), fmtMs(s.p99), fmtMs(s.max), fmtMs(all), ...x];
  return [
    row('kubelab', r.kubelab, r.kubelabAllMs, [fmtRatio(r.xP50), fmtRatio(r.xP99), fmtRatio(r.xAll), fmtMs(r.bound.p50), fmtMs(r.bound.p99)]),
    row('bare', r.bare, r.bareAllMs, ['', '', '', '', '']),
  ];
}

function targetLines(rounds: RoundComparison[]): string[] {
  return rounds.flatMap((r) => (r.target ? [`target at n=${r.n}: ${r.target.name}: ${r.target.met ? 'met' : 'NOT met'}`] : []));
}

export function renderStartup(report: StartupReport): string {
  const latency = table(
    ['pods', 'side', 'ready', 'p50 ms', 'p99 ms', 'max ms', 'all ready ms (mean per round)', '×p50', '×p99', '×all', 'bound p50', 'bound p99'],
    report.rounds.flatMap(latencyRows),
  );
  const memory = table(
    ['pods', 'per container MiB (shim)', 'per bare process MiB', '×'],
    report.rounds.map((r) => [pods(r), mib(r.rssKbMean.kubelab), mib(r.rssKbMean.bare), fmtRatio(r.xRss)]),
  );
  const kubelets = Object.keys(report.kubeletRssKb).sort();
  const counts = report.rounds.map((r) => r.n);
  const kubelet = table(
    ['kubelet RSS after round', ...counts.map((n) => `n=${n} MiB`)],
    kubelets.map((k) => [k, ...counts.map((n) => mib(report.kubeletRssKb[k]?.[n]))]),
  );
  const components = [...new Set(report.rounds.flatMap((r) => Object.keys(r.componentCpuMs)))].sort();
  const cpu = table(
    ['pods', 'per container ms', 'per bare process ms', ...components.map((c) => `${c} ms`)],
    report.rounds.map((r) => [
      pods(r), fmtMs(r.processCpuMsMean.kubelab), fmtMs(r.processCpuMsMean.bare), ...components.map((c) => fmtMs(r.componentCpuMs[c] ?? NaN)),
    ]),
  );
  return [
    '## Create → Ready (watch), kubelab vs bare spawn → first HTTP 200 (ratios kubelab ÷ bare; bound: create → spec.nodeName seen)',
    '', latency, '',
    '## Resident memory (VmRSS, mean over the round\'s processes)',
    '', memory, '', kubelet, '',
    '## CPU time: each container shim / bare process from its start; each component during the kubelab round',
    '', cpu, '',
    ...targetLines(report.rounds), ...report.notes, '',
  ].join('\n');
}
