/**
 * Timestamps as metav1.Time and metav1.MicroTime decode them: Go's time.Parse with the RFC 3339 layout
 * ("2006-01-02T15:04:05Z07:00") or the micro layout ("2006-01-02T15:04:05.000000Z07:00"), with Go's
 * exact error text (`parsing time "x" as "2006-...": cannot parse "x" as "2006"`), which kube-apiserver
 * returns to the client. The stored form is what the apiserver writes back: UTC, whole seconds for
 * Time, six fractional digits for MicroTime.
 *
 * Interface: parseGoTime(value, micro) → { ok: true, canonical } | { ok: false, message }. Pure.
 */

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

export type GoTimeResult = { ok: true; canonical: string } | { ok: false; message: string };

/** One element of the layout: a literal prefix to skip, then a field to read. */
interface Chunk {
  prefix: string;
  std: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'micro' | 'zone';
  text: string;
}

const CHUNKS: Chunk[] = [
  { prefix: '', std: 'year', text: '2006' },
  { prefix: '-', std: 'month', text: '01' },
  { prefix: '-', std: 'day', text: '02' },
  { prefix: 'T', std: 'hour', text: '15' },
  { prefix: ':', std: 'minute', text: '04' },
  { prefix: ':', std: 'second', text: '05' },
  { prefix: '', std: 'micro', text: '.000000' },
  { prefix: '', std: 'zone', text: 'Z07:00' },
];

/** Go's time.quote: printable ASCII as is (escaping " and \\), every other byte as \\xNN. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch < ' ' || ch > '~') {
      for (const b of Buffer.from(ch, 'utf8')) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return out + '"';
}
const isDigitAt = (s: string, i: number) => i < s.length && s[i]! >= '0' && s[i]! <= '9';

class Bad extends Error {}
class Range extends Error {}

/** Go's getnum: one or two digits; `fixed` demands two. */
function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw new Bad();
  if (!isDigitAt(s, 1)) {
    if (fixed) throw new Bad();
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

interface Parts { year: number; month: number; day: number; hour: number; minute: number; second: number; nanos: number; offset: number }

/** Reads one layout field from `value`, returning the rest; throws Bad or Range(name). */
function readField(std: Chunk['std'], value: string, p: Parts, micro: boolean): string {
  switch (std) {
    case 'year':
      if (value.length < 4 || !/^\d{4}/.test(value)) throw new Bad();
      p.year = Number(value.slice(0, 4));
      return value.slice(4);
    case 'month':
      [p.month, value] = getnum(value, true);
      if (p.month <= 0 || p.month > 12) throw new Range('month');
      return value;
    case 'day':
      [p.day, value] = getnum(value, true);
      return value;
    case 'hour':
      [p.hour, value] = getnum(value, false);
      if (p.hour >= 24) throw new Range('hour');
      return value;
    case 'minute':
      [p.minute, value] = getnum(value, true);
      if (p.minute >= 60) throw new Range('minute');
      return value;
    case 'second':
      [p.second, value] = getnum(value, true);
      if (p.second >= 60) throw new Range('second');
      // Without a fraction in the layout, Go still accepts one in the value.
      if (!micro && /^[.,]\d/.test(value)) {
        const m = /^[.,](\d+)/.exec(value)!;
        p.nanos = Number(m[1]!.slice(0, 9).padEnd(9, '0'));
        return value.slice(m[0].length);
      }
      return value;
    case 'micro':
      if (value.length < 7 || !/^[.,]\d{6}/.test(value)) throw new Bad();
      p.nanos = Number(value.slice(1, 7)) * 1000;
      return value.slice(7);
    case 'zone':
      return readZone(value, p);
  }
}

function readZone(value: string, p: Parts): string {
  if (value.startsWith('Z')) return value.slice(1);
  if (value.length < 6 || value[3] !== ':') throw new Bad();
  const [hr] = getnum(value.slice(1, 3), true);
  const [mm] = getnum(value.slice(4, 6), true);
  if (hr > 24) throw new Range('time zone offset hour');
  if (mm > 60) throw new Range('time zone offset minute');
  if (value[0] !== '+' && value[0] !== '-') throw new Bad();
  p.offset = (value[0] === '-' ? -1 : 1) * (hr * 60 + mm) * 60;
  return value.slice(6);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function canonical(p: Parts, micro: boolean): string {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to the 1900s.
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, 0);
  const base = new Date(d.getTime() - p.offset * 1000).toISOString().slice(0, 19);
  return micro ? `${base}.${String(Math.floor(p.nanos / 1000)).padStart(6, '0')}Z` : `${base}Z`;
}

/** Parses `value` as metav1.Time (micro=false) or metav1.MicroTime (micro=true) would. */
export function parseGoTime(value: string, micro: boolean): GoTimeResult {
  const layout = micro ? RFC3339_MICRO : RFC3339;
  const p: Parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, nanos: 0, offset: 0 };
  let rest = value;
  for (const chunk of CHUNKS) {
    if (chunk.std === 'micro' && !micro) continue;
    if (!rest.startsWith(chunk.prefix)) {
      return { ok: false, message: `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(rest)} as ${quote(chunk.prefix)}` };
    }
    rest = rest.slice(chunk.prefix.length);
    try {
      rest = readField(chunk.std, rest, p, micro);
    } catch (e) {
      if (e instanceof Range) return { ok: false, message: `parsing time ${quote(value)}: ${e.message} out of range` };
      return { ok: false, message: `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(rest)} as ${quote(chunk.text)}` };
    }
  }
  if (rest.length > 0) return { ok: false, message: `parsing time ${quote(value)}: extra text: ${quote(rest)}` };
  if (p.day < 1 || p.day > daysIn(p.month, p.year)) return { ok: false, message: `parsing time ${quote(value)}: day out of range` };
  return { ok: true, canonical: canonical(p, micro) };
}
