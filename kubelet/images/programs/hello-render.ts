/**
 * What the nginxdemos/hello image answers and logs, byte for byte where users see it. Pure.
 *
 * - Plain text (`hello-plain-text.conf`): `return 200 'Server address: $server_addr:$server_port\n
 *   Server name: $hostname\nDate: $time_local\nURI: $request_uri\nRequest ID: $request_id\n'`.
 * - HTML (`hello.conf` + `index.html` through sub_filter): the same data (server name, server address,
 *   URI, date, client IP, request id) in the page's rows; kubelab's own markup and style, not NGINX's.
 * - Access log: the nginx image's `main` log_format,
 *   `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 *   "$http_user_agent" "$http_x_forwarded_for"`, with nginx's escaping of `"`, `\` and non-printables.
 * - Error log lines: `2026/11/28 10:00:00 [notice] 1#1: ...`.
 * Times are UTC: a container has no local time zone unless TZ is set, and the image sets none.
 */

export interface HelloRequestInfo {
  serverAddr: string;
  serverPort: number;
  /** nginx's $hostname: the container's hostname, i.e. the pod name. */
  hostname: string;
  date: Date;
  /** $request_uri: the path and query as the client sent them. */
  uri: string;
  /** $request_id: 16 random bytes in hex. */
  requestId: string;
  remoteAddr: string;
  remotePort: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** nginx's $time_local in UTC: `28/Nov/2026:10:00:00 +0000`. */
export function nginxTimeLocal(d: Date): string {
  const day = pad2(d.getUTCDate());
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${day}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${time} +0000`;
}

/** The timestamp of nginx's error log: `2026/11/28 10:00:00`. */
export function nginxErrorLogTime(d: Date): string {
  const date = `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}`;
  return `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** One error-log line as nginx writes it: master process 1, or a worker. */
export function nginxNotice(d: Date, pid: number, message: string, level = 'notice'): string {
  return `${nginxErrorLogTime(d)} [${level}] ${pid}#${pid}: ${message}\n`;
}

/** An IPv4 client seen on a dual-stack socket is `::ffff:a.b.c.d`; nginx shows `a.b.c.d`. */
export function plainAddress(addr: string): string {
  return addr.startsWith('::ffff:') && addr.includes('.') ? addr.slice(7) : addr;
}

export function plainTextBody(r: HelloRequestInfo): string {
  return (
    `Server address: ${r.serverAddr}:${r.serverPort}\n` +
    `Server name: ${r.hostname}\n` +
    `Date: ${nginxTimeLocal(r.date)}\n` +
    `URI: ${r.uri}\n` +
    `Request ID: ${r.requestId}\n`
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function htmlBody(r: HelloRequestInfo): string {
  const row = (label: string, value: string, cls = ''): string =>
    `<p${cls ? ` class="${cls}"` : ''}><span>${label}</span> <span>${escapeHtml(value)}</span></p>\n`;
  return (
    '<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World</title>\n<style>\n' +
    'body { margin: 0; font: 20px Arial, sans-serif; color: #0f1419; }\n' +
    'div.info { display: table; background: #e8eaec; padding: 20px; border: 1px dashed black; border-radius: 10px; margin: 36px auto; }\n' +
    'div.info p { display: table-row; }\ndiv.info p span { display: table-cell; padding: 10px; }\n' +
    'div.smaller p span, p.smaller span { color: #3D5266; }\n' +
    '#footer { position: fixed; bottom: 36px; width: 100%; text-align: center; font: 12px Courier; }\n' +
    '</style>\n</head>\n<body>\n<div class="info">\n' +
    row('Server&nbsp;name:', r.hostname) +
    row('Server&nbsp;address:', `${r.serverAddr}:${r.serverPort}`) +
    row('URI:', r.uri, 'smaller') +
    row('Date:', nginxTimeLocal(r.date), 'smaller') +
    row('Client&nbsp;IP:', `${r.remoteAddr}:${r.remotePort}`, 'smaller') +
    '</div>\n<div id="footer">\n' +
    `Request ID: ${escapeHtml(r.requestId)}<br/>\n` +
    '</div>\n</body>\n</html>\n'
  );
}

export interface AccessLogEntry {
  remoteAddr: string;
  remoteUser?: string;
  date: Date;
  /** The request line: `GET /path HTTP/1.1`. */
  request: string;
  status: number;
  bodyBytes: number;
  referer?: string;
  userAgent?: string;
  forwardedFor?: string;
}

/** nginx's default log escaping: `"`, `\`, control characters and bytes ≥ 0x7f as \xHH. */
export function escapeLogValue(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const printable = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c;
    out += printable ? String.fromCharCode(byte) : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const orDash = (s: string | undefined): string => (s === undefined || s === '' ? '-' : escapeLogValue(s));

export function accessLogLine(e: AccessLogEntry): string {
  return (
    `${e.remoteAddr} - ${orDash(e.remoteUser)} [${nginxTimeLocal(e.date)}] "${escapeLogValue(e.request)}" ` +
    `${e.status} ${e.bodyBytes} "${orDash(e.referer)}" "${orDash(e.userAgent)}" "${orDash(e.forwardedFor)}"\n`
  );
}

/** What the image's /docker-entrypoint.sh prints (stdout) before it execs nginx. */
export function entrypointLines(): string {
  const e = '/docker-entrypoint.sh';
  return (
    `${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n` +
    `${e}: Looking for shell scripts in /docker-entrypoint.d/\n` +
    `${e}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n` +
    '10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf is not a file or does not exist\n' +
    `${e}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n` +
    `${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n` +
    `${e}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n` +
    `${e}: Configuration complete; ready for start up\n`
  );
}
