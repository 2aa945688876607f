/**
 * The toolbox's `curl` (bin/curl launches it): enough of curl for a tutorial, for machines that have none.
 * A toolbox container gets it first on PATH, so `kubectl exec -it debug -- curl http://10.244.1.5` behaves
 * like the real tool: body on stdout, -i/-I headers, -v trace on stderr, -o FILE, -f, -L, -w, curl's
 * error lines `curl: (7) Failed to connect to ... port ...: Connection refused` and exit codes.
 *
 * Interface: `curlMain(argv, io)` → exit code; `runCli()` for the launcher. Names resolve through
 * resolve-host.ts, the hook for the cluster's dns add-on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CurlUsageError, normalizeUrl, parseCurlArgs, requestMethod, type CurlOptions } from './curl-args.js';
import { CurlError, defaultPort, transfer, type TransferResponse } from './curl-transfer.js';
import { progressMeter, writeOut } from './curl-format.js';

export const CURL_VERSION = '7.88.1';
const MAX_REDIRECTS = 50;

export interface CurlIO {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string | Uint8Array): unknown };
  env: NodeJS.ProcessEnv;
}

/** The request headers curl sends, in its order, with -H overriding (and `Name:` removing) defaults. */
export function requestHeaders(url: URL, o: CurlOptions, bodyLength: number | undefined): [string, string][] {
  const host = url.port && Number(url.port) !== defaultPort(new URL(`${url.protocol}//x`)) ? url.host : url.hostname;
  const list: [string, string][] = [['Host', host], ['User-Agent', o.userAgent ?? `curl/${CURL_VERSION}`], ['Accept', '*/*']];
  if (bodyLength !== undefined) {
    list.push(['Content-Length', String(bodyLength)], ['Content-Type', 'application/x-www-form-urlencoded']);
  }
  for (const line of o.headers) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const at = list.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
    if (at >= 0) list.splice(at, 1);
    if (value !== '') list.splice(at >= 0 ? at : list.length, 0, [name, value]);
  }
  return list;
}

function requestBody(o: CurlOptions): Buffer | undefined {
  if (o.data.length === 0) return undefined;
  const parts = o.data.map((d) => (d.startsWith('@') ? readFileSync(d === '@-' ? 0 : d.slice(1), 'utf8').replace(/[\r\n]/g, '') : d));
  return Buffer.from(parts.join('&'));
}

function headerBlock(res: TransferResponse): string {
  let out = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n`;
  for (let i = 0; i < res.rawHeaders.length; i += 2) out += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
  return out + '\r\n';
}

function verboseRequest(io: CurlIO, method: string, url: URL, headers: [string, string][]): void {
  let out = `> ${method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
  for (const [k, v] of headers) out += `> ${k}: ${v}\r\n`;
  io.stderr.write(out + '> \r\n');
}

/**
 * Fetches one URL (following redirects with -L): the output goes to `out`, the trace and meter to stderr.
 * Returns the --write-out text, which curl prints on stdout even when the body goes to a file.
 */
async function fetchUrl(raw: string, o: CurlOptions, io: CurlIO, out: Buffer[]): Promise<string> {
  let url: URL;
  try {
    url = new URL(normalizeUrl(raw));
  } catch {
    throw new CurlError(3, 'URL using bad/illegal format or missing URL');
  }
  const body = requestBody(o);
  const method = requestMethod(o);
  const started = Date.now();
  for (let hops = 0; ; hops++) {
    const headers = requestHeaders(url, o, body?.length);
    if (o.verbose) io.stderr.write(`*   Trying ${url.hostname}:${defaultPort(url)}...\n`);
    const res = await transfer({
      url, method, headers, body, insecure: o.insecure, env: io.env,
      connectTimeoutMs: o.connectTimeoutSeconds !== undefined ? o.connectTimeoutSeconds * 1000 : undefined,
      maxTimeMs: o.maxTimeSeconds !== undefined ? o.maxTimeSeconds * 1000 : undefined,
      onConnect: (ip, port) => {
        if (!o.verbose) return;
        io.stderr.write(`* Connected to ${url.hostname} (${ip}) port ${port} (#0)\n`);
        verboseRequest(io, method, url, headers);
      },
    });
    if (o.verbose) io.stderr.write(headerBlock(res).replace(/^(?=.)/gm, '< ').replace(/\r\n$/, '< \r\n'));
    if (o.fail && res.statusCode >= 400) throw new CurlError(22, `The requested URL returned error: ${res.statusCode}`);
    const redirect = o.location && res.statusCode >= 300 && res.statusCode < 400 && res.location;
    if (o.include || o.head) out.push(Buffer.from(headerBlock(res)));
    if (redirect && hops < MAX_REDIRECTS) {
      url = new URL(res.location!, url);
      continue;
    }
    if (redirect) throw new CurlError(47, `Maximum (${MAX_REDIRECTS}) redirects followed`);
    if (method !== 'HEAD') out.push(res.body);
    if (o.verbose) io.stderr.write(`* Connection #0 to host ${url.hostname} left intact\n`);
    if (!o.silent && (o.output !== undefined || !io.stdout.isTTY)) io.stderr.write(progressMeter(res.body.length, Date.now() - started));
    return o.writeOut !== undefined ? writeOut(o.writeOut, res, url, Date.now() - started) : '';
  }
}

function emit(o: CurlOptions, io: CurlIO, out: Buffer[]): number {
  const data = Buffer.concat(out);
  if (o.output === undefined || o.output === '-') {
    io.stdout.write(data);
    return 0;
  }
  try {
    writeFileSync(o.output, data);
    return 0;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (err as Error).message;
    io.stderr.write(`Warning: Failed to open the file ${o.output}: ${why}\n`);
    throw new CurlError(23, 'Failure writing output to destination');
  }
}

export async function curlMain(argv: string[], io: CurlIO): Promise<number> {
  let o: CurlOptions;
  try {
    o = parseCurlArgs(argv);
  } catch (err) {
    if (!(err instanceof CurlUsageError)) throw err;
    io.stderr.write(err.message + '\n');
    return err.exitCode;
  }
  let exitCode = 0;
  for (const url of o.urls) {
    const out: Buffer[] = [];
    try {
      const written = await fetchUrl(url, o, io, out);
      emit(o, io, out);
      if (written) io.stdout.write(written);
    } catch (err) {
      if (!(err instanceof CurlError)) throw err;
      // A failed transfer writes no body (with -f, not even the error page), only curl's error line.
      if (!o.silent || o.showError) io.stderr.write(`curl: (${err.exitCode}) ${err.message}\n`);
      exitCode = err.exitCode;
    }
  }
  return exitCode;
}

export async function runCli(): Promise<void> {
  process.exitCode = await curlMain(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
