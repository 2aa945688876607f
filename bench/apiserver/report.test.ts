import { describe, expect, it } from 'vitest';
import type { Phase } from './meter.js';
import { renderText } from './render-text.js';
import { buildReport, type ReportInput } from './report.js';
import { summarize } from './stats.js';

function phase(target: string, op: string, latencies: number[], extra: Partial<Phase> = {}): Phase {
  return {
    target, op, summary: summarize(latencies, { elapsedMs: 1000, errors: 0 }),
    cpuMs: { apiserver: latencies.length * 2, redis: latencies.length }, redis: {}, window: { startMs: 0, endMs: 1000 },
    clientLoopDelay: { p99: 1, max: 2 }, redisStallsMs: { 'aof-fsync-always': 7 }, ...extra,
  };
}

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    machine: { cpus: 2, model: 'test cpu', loadBefore: [1, 1, 1], loadAfter: [2, 1, 1] },
    options: { concurrency: 16, objects: 500, rate: 200, pacedSeconds: 10, floorPacedSeconds: 3, payloadBytes: 256 },
    baselines: [phase('nats', 'echo', [1, 1, 1, 1]), phase('https', 'echo', [2, 2, 2, 2])],
    phases: [
      phase('floor/https', 'get', [1, 1, 2, 2]),
      phase('rest', 'get', [3, 3, 6, 6]),
      phase('floor/nats', 'get', [1, 1, 1, 1]),
      phase('nats', 'get', [2, 2, 2, 2]),
      phase('nats', 'write@200/s', [5, 5, 30, 30], { maxStartLagMs: 0.5 }),
    ],
    watches: [{ door: 'nats', watcher: 'informer', delays: { fromSendMs: [6, 7], afterAckMs: [1, 60], missing: 0 } }],
    pacedElapsedMs: 10_000,
    ...over,
  };
}

describe('buildReport', () => {
  it('compares each kubelab call with the floor over the same transport and the same call', () => {
    const r = buildReport(input());
    const rest = r.calls.find((c) => c.door === 'rest' && c.op === 'get')!;
    expect(rest.vs).toMatchObject({ baseline: 'floor/https', p50: 1, p99: 2, xP50: 3, xP99: 3, xOpsPerSec: 1 });
    expect(r.calls.find((c) => c.door === 'nats' && c.op === 'get')!.vs).toMatchObject({ baseline: 'floor/nats', xP50: 2 });
    // No floor phase for the paced writes in this input: no invented ratio.
    expect(r.calls.find((c) => c.op === 'write@200/s')!.vs).toBeUndefined();
    expect(r.calls.find((c) => c.door === 'floor/https')!.vs).toBeUndefined();
  });

  it('sets watch delivery against the echo of its transport and checks both targets', () => {
    const r = buildReport(input());
    expect(r.watches[0]).toMatchObject({ acked: 2, missing: 0, vs: { baseline: 'nats echo', xP99: 60 } });
    expect(r.targets).toEqual([
      { what: 'nats write@200/s p99', limitMs: 20, valueMs: 30, met: false },
      { what: 'nats writes → informer p99 after ack', limitMs: 50, valueMs: 60, met: false },
    ]);
  });

  it('fails the watch target when an event was missed, whatever the latency', () => {
    const watches = [{ door: 'rest', watcher: 'http-watch', delays: { fromSendMs: [2], afterAckMs: [1], missing: 1 } }];
    const r = buildReport(input({ watches }));
    expect(r.targets.find((t) => t.what.includes('http-watch'))).toMatchObject({ valueMs: 1, met: false });
  });

  it('reports CPU per successful call', () => {
    const cost = buildReport(input()).costs.find((c) => c.door === 'rest')!;
    expect(cost.cpuMsPerCall).toEqual({ apiserver: 2, redis: 1 });
    expect(cost.redisFsyncMaxMs).toBe(7);
    expect(cost.luaUsecPerScript).toBeNaN();
  });
});

describe('renderText', () => {
  it('prints aligned Markdown tables with ratios, and each target as met or NOT MET', () => {
    const text = renderText(buildReport(input()));
    const restRow = text.split('\n').find((l) => l.startsWith('| rest '))!;
    expect(restRow.split('|').map((c) => c.trim())).toEqual(
      ['', 'rest', 'get', '4', '0', '3.00', '6.00', '6.00', '4', 'floor/https', '1.00', '2.00', '3.0×', '3.0×', '1.0×', ''],
    );
    expect(text).toContain('- NOT MET  nats write@200/s p99 = 30.0 ms (target < 20 ms)');
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('## API calls')) + 2;
    const callsTable = lines.slice(start, lines.indexOf('', start));
    expect(callsTable).toHaveLength(2 + 5); // header, rule, one row per phase
    expect(new Set(callsTable.map((l) => l.length)).size).toBe(1);
  });
});
