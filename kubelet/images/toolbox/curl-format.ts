/**
 * What the toolbox's curl prints besides the body: the progress meter (on stderr, when the output is not a
 * terminal and -s is not given) and `-w/--write-out` formats. Pure.
 */
import type { TransferResponse } from './curl-transfer.js';

const HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** curl's 5-character size: bytes below 100000, then k, then M. */
export function max5(bytes: number): string {
  if (bytes < 100_000) return String(Math.round(bytes)).padStart(5);
  if (bytes < 10_000 * 1024) return `${Math.floor(bytes / 1024)}k`.padStart(5);
  if (bytes < 100 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)}M`.padStart(5);
  return `${Math.floor(bytes / 1024 / 1024)}M`.padStart(5);
}

/** curl's H:MM:SS column, `--:--:--` when under a second (curl's "unknown"). */
function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s === 0) return '--:--:--';
  const h = Math.floor(s / 3600);
  return `${h}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`.padStart(8);
}

/** The meter once a transfer of `bytes` finished after `ms`: the header and the final line. */
export function progressMeter(bytes: number, ms: number): string {
  const speed = ms > 0 ? (bytes * 1000) / ms : bytes;
  const pct = '100';
  const line =
    `${pct} ${max5(bytes)}  ${pct} ${max5(bytes)}    0 ${max5(0)}  ${max5(speed)}  ${max5(0)} ` +
    `${clock(ms)} ${clock(ms)} --:--:-- ${max5(speed)}`;
  return `${HEADER}\r${line}\n`;
}

/** Expands a --write-out format: %{http_code}, %{url_effective}, %{size_download}, %{time_total}, ... */
export function writeOut(format: string, res: TransferResponse, url: URL, ms: number): string {
  const vars: Record<string, string> = {
    http_code: String(res.statusCode).padStart(3, '0'),
    response_code: String(res.statusCode).padStart(3, '0'),
    url_effective: url.href,
    size_download: String(res.body.length),
    time_total: (ms / 1000).toFixed(6),
    remote_ip: res.remoteIp,
    remote_port: String(res.remotePort),
    content_type: headerValue(res, 'content-type') ?? '',
  };
  return format
    .replace(/%\{([a-z_]+)\}|%%|\\([nrt\\])/g, (whole, name: string | undefined, esc: string | undefined) => {
      if (name !== undefined) return vars[name] ?? '';
      if (esc !== undefined) return { n: '\n', r: '\r', t: '\t', '\\': '\\' }[esc]!;
      return '%';
    });
}

function headerValue(res: TransferResponse, name: string): string | undefined {
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    if (res.rawHeaders[i]!.toLowerCase() === name) return res.rawHeaders[i + 1];
  }
  return undefined;
}
