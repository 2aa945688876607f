/**
 * WatchProbe: matches each tagged write with the moment each watcher sees it. Pure: times come in as
 * process.hrtime.bigint() readings taken by the caller.
 *
 *   probe.sent(key, dueNs);  probe.acked(key, ackNs);  probe.seen('informer', key, atNs);
 *   probe.delays('informer')   // { fromSendMs, afterAckMs, missing }
 *
 * "After ack" may be negative: the apiserver publishes a change once Redis committed it, so a watcher
 * can hear of a write before the writer has its answer. That is reported as measured, not clamped.
 * Only the first sighting of a key counts; keys the probe was never told about (objects from the
 * informer's initial list, other writers) are ignored.
 */

interface WriteTimes {
  sentNs: bigint;
  ackNs?: bigint;
  seenNs: Map<string, bigint>;
}

export interface WatchDelays {
  fromSendMs: number[];
  afterAckMs: number[];
  /** Acknowledged writes this watcher never saw. */
  missing: number;
}

export class WatchProbe {
  private readonly writes = new Map<string, WriteTimes>();

  sent(key: string, atNs: bigint): void {
    this.writes.set(key, { sentNs: atNs, seenNs: new Map() });
  }

  acked(key: string, atNs: bigint): void {
    const w = this.writes.get(key);
    if (w) w.ackNs = atNs;
  }

  seen(watcher: string, key: string | undefined, atNs: bigint): void {
    const w = key === undefined ? undefined : this.writes.get(key);
    if (w && !w.seenNs.has(watcher)) w.seenNs.set(watcher, atNs);
  }

  /** Writes acknowledged but not yet seen by `watcher`. */
  outstanding(watcher: string): number {
    let n = 0;
    for (const w of this.writes.values()) if (w.ackNs !== undefined && !w.seenNs.has(watcher)) n++;
    return n;
  }

  delays(watcher: string): WatchDelays {
    const out: WatchDelays = { fromSendMs: [], afterAckMs: [], missing: 0 };
    for (const w of this.writes.values()) {
      if (w.ackNs === undefined) continue; // a failed write: nothing to see
      const seen = w.seenNs.get(watcher);
      if (seen === undefined) {
        out.missing++;
        continue;
      }
      out.fromSendMs.push(Number(seen - w.sentNs) / 1e6);
      out.afterAckMs.push(Number(seen - w.ackNs) / 1e6);
    }
    return out;
  }
}
