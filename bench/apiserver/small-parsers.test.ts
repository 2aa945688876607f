import { describe, expect, it } from 'vitest';
import { parseCpuTicks } from './cpu.js';
import { LineSplitter } from './https-client.js';
import { parseCommandStats, parseLatencyLatest } from './meter.js';
import { benchConfigMap, writeKey, writeKeyOf } from './target.js';

describe('LineSplitter', () => {
  it('joins lines split across chunks and drops empty lines', () => {
    const s = new LineSplitter();
    expect(s.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(s.push(':2}\n\n{"c":3}')).toEqual(['{"b":2}']);
    expect(s.push('\n')).toEqual(['{"c":3}']);
  });
});

describe('parseCpuTicks', () => {
  it('adds utime and stime, counting fields after the last ")" of the command name', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const line = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 11 0 12345 0 0';
    expect(parseCpuTicks(line)).toBe(325);
  });

  it('refuses a line it cannot read', () => expect(() => parseCpuTicks('garbage')).toThrow());
});

describe('parseCommandStats', () => {
  it('reads calls and usec of every command, subcommands included', () => {
    const info = [
      '# Commandstats',
      'cmdstat_evalsha:calls=9,usec=629,usec_per_call=69.89,rejected_calls=0,failed_calls=0',
      'cmdstat_config|resetstat:calls=1,usec=5,usec_per_call=5.00,rejected_calls=0,failed_calls=0',
      '',
    ].join('\r\n');
    expect(parseCommandStats(info)).toEqual({ evalsha: { calls: 9, usec: 629 }, 'config|resetstat': { calls: 1, usec: 5 } });
  });
});

describe('write keys', () => {
  it('recognises a tagged ConfigMap and ignores untagged objects', () => {
    const cm = benchConfigMap({ name: 'obj-3', seq: 17, door: 'rest', payloadBytes: 4 });
    expect(cm.data).toEqual({ seq: '17', payload: 'xxxx' });
    expect(writeKeyOf(cm)).toBe(writeKey('obj-3', 17));
    expect(writeKeyOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } })).toBeUndefined();
    expect(writeKeyOf(undefined)).toBeUndefined();
  });
});

describe('parseLatencyLatest', () => {
  it('keeps the worst stall of each event', () => {
    const reply = [['aof-fsync-always', 1764320000, 3, 12], ['command', 1764320001, 2, 2]];
    expect(parseLatencyLatest(reply)).toEqual({ 'aof-fsync-always': 12, command: 2 });
  });

  it('is empty when nothing stalled', () => expect(parseLatencyLatest([])).toEqual({}));
});
