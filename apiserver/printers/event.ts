/**
 * `kubectl get events` (core/v1): printEvent from kube-apiserver v1.32 printers.go.
 *
 * Interface:
 *   eventPrinter    RowPrinter: Last Seen, Type, Reason, Object, Subobject(w), Source(w), Message,
 *                   First Seen(w), Count(w), Name(w)
 *   eventTimes(ev, now) the Last Seen / First Seen / Count triple
 *
 * Two event shapes meet here. Old-style events (recorded by client-go's EventRecorder) carry
 * firstTimestamp, lastTimestamp and count. New-style events (events.k8s.io, read back through core/v1)
 * carry eventTime and, once repeated, a series. So: First Seen falls back to eventTime; Last Seen to
 * First Seen; a series overrides Last Seen and Count; a singleton new-style event counts 1.
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { EVENT } from './descriptions.js';
import { parseTime, translateMillisSince } from './duration.js';
import { NAME_COLUMN, WIDE, column, int, nameOf, str, type RowPrinter } from './printer.js';

export interface EventTimes {
  lastSeen: string;
  firstSeen: string;
  count: number;
}

export function eventTimes(ev: KubeObject, now: Date): EventTimes {
  const first = parseTime(ev.firstTimestamp);
  const firstSeen = translateMillisSince(first ?? parseTime(ev.eventTime), now);
  const last = parseTime(ev.lastTimestamp);
  let lastSeen = last === undefined ? firstSeen : translateMillisSince(last, now);
  let count = int(ev.count);
  if (ev.series != null) {
    lastSeen = translateMillisSince(parseTime(ev.series.lastObservedTime), now);
    count = int(ev.series.count);
  } else if (count === 0) {
    count = 1;
  }
  return { lastSeen, firstSeen, count };
}

/** `pod/hello`, or just `node` for an object reference without a name. */
function target(ev: KubeObject): string {
  const kind = str(ev.involvedObject?.kind).toLowerCase();
  const name = str(ev.involvedObject?.name);
  return name.length > 0 ? `${kind}/${name}` : kind;
}

/** `kubelet, node-1`: component and host, each falling back to the new-style reporting fields. */
function formatEventSource(ev: KubeObject): string {
  const component = str(ev.source?.component) || str(ev.reportingComponent);
  const host = str(ev.source?.host) || str(ev.reportingInstance);
  return host.length === 0 ? component : `${component}, ${host}`;
}

export const eventPrinter: RowPrinter = {
  columns: [
    column('Last Seen', 'string', EVENT.lastTimestamp),
    column('Type', 'string', EVENT.type),
    column('Reason', 'string', EVENT.reason),
    column('Object', 'string', EVENT.involvedObject),
    column('Subobject', 'string', EVENT.fieldPath, WIDE),
    column('Source', 'string', EVENT.source, WIDE),
    column('Message', 'string', EVENT.message),
    column('First Seen', 'string', EVENT.firstTimestamp, WIDE),
    column('Count', 'string', EVENT.count, WIDE),
    { ...NAME_COLUMN, priority: 1 },
  ],
  printRow(ev: KubeObject, now: Date) {
    const t = eventTimes(ev, now);
    return {
      cells: [
        t.lastSeen, str(ev.type), str(ev.reason), target(ev), str(ev.involvedObject?.fieldPath),
        formatEventSource(ev), str(ev.message).trim(), t.firstSeen, t.count, nameOf(ev),
      ],
    };
  },
};
