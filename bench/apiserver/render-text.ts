/**
 * The human-readable form of a BenchReport: aligned plain-text tables (Markdown-compatible, so the
 * output can be pasted into docs/performance.md as is). Pure.
 */
import type { BenchReport, CallRow, Comparison, CostRow, WatchRow } from './report.js';

/** Milliseconds with precision that suits their size: 0.412, 3.71, 27.4, 312. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  return ms.toFixed(abs < 1 ? 3 : abs < 10 ? 2 : abs < 100 ? 1 : 0);
}

export function fmtRatio(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)}×` : '–';
}

export function fmtRate(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x)) : '–';
}

/** A Markdown table: first column left-aligned, the others right-aligned, padded to equal widths. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (s: string, i: number) => (i < 2 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 2 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function vsCells(vs: Comparison | undefined): string[] {
  if (!vs) return ['', '', '', '', '', ''];
  return [vs.baseline, fmtMs(vs.p50), fmtMs(vs.p99), fmtRatio(vs.xP50), fmtRatio(vs.xP99), fmtRatio(vs.xOpsPerSec)];
}

function callCells(r: CallRow, withVs: boolean): string[] {
  const s = r.summary;
  const base = [r.door, r.op, String(s.n), String(s.errors), fmtMs(s.p50), fmtMs(s.p99), fmtMs(s.max), fmtRate(s.opsPerSec)];
  return withVs ? [...base, ...vsCells(r.vs)] : base;
}

function watchCells(w: WatchRow): string[] {
  return [
    w.door, w.watcher, `${w.acked - w.missing}/${w.acked}`, fmtMs(w.afterAck.p50), fmtMs(w.afterAck.p99), fmtMs(w.afterAck.max),
    fmtMs(w.fromSend.p50), fmtMs(w.fromSend.p99), w.vs?.baseline ?? '', fmtMs(w.vs?.p50 ?? NaN), fmtRatio(w.vs?.xP50 ?? NaN), fmtRatio(w.vs?.xP99 ?? NaN),
  ];
}

function costCells(c: CostRow, processes: string[]): string[] {
  return [
    c.door, c.op, ...processes.map((p) => fmtMs(c.cpuMsPerCall[p] ?? NaN)), fmtRate(c.redisUsecPerCall), fmtRate(c.luaUsecPerScript),
    fmtMs(c.redisFsyncMaxMs), `${fmtMs(c.clientLoopDelay.p99)} / ${fmtMs(c.clientLoopDelay.max)}`,
  ];
}

export function renderText(r: BenchReport): string {
  const o = r.options;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  const callHeader = ['door', 'call', 'n', 'err', 'p50 ms', 'p99 ms', 'max ms', 'ops/s'];
  const processes = [...new Set(r.costs.flatMap((c) => Object.keys(c.cpuMsPerCall)))].sort();
  const lagged = r.calls.filter((c) => c.maxStartLagMs !== undefined).map((c) => `${c.door} ${fmtMs(c.maxStartLagMs!)} ms`);
  return [
    `kubelab apiserver benchmark, ${r.startedAt}`,
    `machine: ${r.machine.cpus} × ${r.machine.model}; load average (1/5/15 min) ${load(r.machine.loadBefore)} before, ${load(r.machine.loadAfter)} after`,
    `concurrency ${o.concurrency}, ${o.objects} objects, paced ${o.rate} writes/s for ${o.pacedSeconds} s (floor ${o.floorPacedSeconds} s), payload ${o.payloadBytes} B`,
    '',
    '## Raw round trips (closed loop)',
    '',
    table(callHeader, r.baselines.map((b) => callCells(b, false))),
    '',
    '## API calls (closed loop, except write@N/s: open loop, latency from when each call was due)',
    '',
    table([...callHeader, 'floor', 'floor p50', 'floor p99', '×p50', '×p99', '×ops/s'], r.calls.map((c) => callCells(c, true))),
    '',
    `pacer lateness at worst: ${lagged.join(', ') || '–'}`,
    '',
    '## Watch delivery of the paced writes (ms from the write\'s answer, or from when it was due, to the watcher\'s handler)',
    '',
    table(['writes via', 'watcher', 'seen', 'after ack p50', 'after ack p99', 'max', 'from send p50', 'from send p99', 'vs', 'vs p50', '×p50', '×p99'], r.watches.map(watchCells)),
    '',
    '## Cost per call (CPU ms per call by process; Redis µs per call and per Lua script by Redis\'s own count; longest Redis fsync; the benchmark\'s own event-loop delay)',
    '',
    table(['door', 'call', ...processes.map((p) => `${p} ms`), 'redis µs', 'lua µs', 'fsync max ms', 'bench loop delay p99 / max ms'], r.costs.map((c) => costCells(c, processes))),
    '',
    '## Targets',
    '',
    ...r.targets.map((t) => `- ${t.met ? 'met    ' : 'NOT MET'}  ${t.what} = ${fmtMs(t.valueMs)} ms (target < ${t.limitMs} ms)`),
    '',
    ...r.calls.filter((c) => c.firstError).map((c) => `error in ${c.door} ${c.op}: ${c.firstError}`),
  ].join('\n');
}
