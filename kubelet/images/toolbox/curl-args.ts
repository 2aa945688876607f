/**
 * The command line of the toolbox's `curl`, parsed as curl does for the options a tutorial uses:
 *   -s/--silent  -S/--show-error  -v/--verbose  -i/--include  -I/--head  -f/--fail  -L/--location
 *   -o/--output FILE  -X/--request METHOD  -H/--header 'Name: value'  -A/--user-agent UA
 *   -d/--data, --data-raw, --data-binary DATA (several are joined with '&'; '@file' reads a file)
 *   -m/--max-time SECONDS  --connect-timeout SECONDS  -w/--write-out FORMAT  -k/--insecure
 * Short options bundle (`-sSL`, `-XPOST`, `-ofile`). Several URLs are fetched in turn.
 *
 * Interface: `parseCurlArgs(argv)` → CurlOptions or CurlUsageError (curl's exit code 2 and message). Pure.
 */

export interface CurlOptions {
  urls: string[];
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  include: boolean;
  head: boolean;
  fail: boolean;
  location: boolean;
  output?: string;
  method?: string;
  headers: string[];
  userAgent?: string;
  /** Each -d operand in order; '@file' operands are read by the caller. */
  data: string[];
  maxTimeSeconds?: number;
  connectTimeoutSeconds?: number;
  writeOut?: string;
  insecure: boolean;
}

export class CurlUsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'CurlUsageError';
  }
}

type Flag = 'silent' | 'showError' | 'verbose' | 'include' | 'head' | 'fail' | 'location' | 'insecure';
type Valued = 'output' | 'method' | 'header' | 'userAgent' | 'data' | 'maxTime' | 'connectTimeout' | 'writeOut' | 'url';

const SHORT_FLAGS: Record<string, Flag> = { s: 'silent', S: 'showError', v: 'verbose', i: 'include', I: 'head', f: 'fail', L: 'location', k: 'insecure' };
const SHORT_VALUED: Record<string, Valued> = { o: 'output', X: 'method', H: 'header', A: 'userAgent', d: 'data', m: 'maxTime', w: 'writeOut' };
const LONG: Record<string, Flag | Valued> = {
  silent: 'silent', 'show-error': 'showError', verbose: 'verbose', include: 'include', head: 'head', fail: 'fail',
  location: 'location', insecure: 'insecure', output: 'output', request: 'method', header: 'header',
  'user-agent': 'userAgent', data: 'data', 'data-raw': 'data', 'data-binary': 'data', 'data-ascii': 'data',
  'max-time': 'maxTime', 'connect-timeout': 'connectTimeout', 'write-out': 'writeOut', url: 'url',
};
const VALUED = new Set<string>(['output', 'method', 'header', 'userAgent', 'data', 'maxTime', 'connectTimeout', 'writeOut', 'url']);

function emptyOptions(): CurlOptions {
  return {
    urls: [], silent: false, showError: false, verbose: false, include: false, head: false, fail: false,
    location: false, headers: [], data: [], insecure: false,
  };
}

function seconds(option: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new CurlUsageError(`curl: option ${option}: expected a proper numerical parameter`);
  return n;
}

function applyValue(o: CurlOptions, key: string, option: string, value: string): void {
  switch (key) {
    case 'output': o.output = value; break;
    case 'method': o.method = value; break;
    case 'header': o.headers.push(value); break;
    case 'userAgent': o.userAgent = value; break;
    case 'data': o.data.push(value); break;
    case 'maxTime': o.maxTimeSeconds = seconds(option, value); break;
    case 'connectTimeout': o.connectTimeoutSeconds = seconds(option, value); break;
    case 'writeOut': o.writeOut = value; break;
    case 'url': o.urls.push(value); break;
  }
}

const unknown = (opt: string): CurlUsageError =>
  new CurlUsageError(`curl: option ${opt}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`);
const missing = (opt: string): CurlUsageError =>
  new CurlUsageError(`curl: option ${opt}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information`);

/** Parses one `-abc` bundle starting at argv[i]; returns how many argv entries it used. */
function parseShortBundle(o: CurlOptions, argv: string[], i: number): number {
  const bundle = argv[i]!;
  for (let j = 1; j < bundle.length; j++) {
    const c = bundle[j]!;
    if (SHORT_FLAGS[c]) {
      o[SHORT_FLAGS[c]] = true;
      continue;
    }
    const key = SHORT_VALUED[c];
    if (!key) throw unknown(`-${c}`);
    const rest = bundle.slice(j + 1);
    if (rest) return applyValue(o, key, `-${c}`, rest), 1;
    if (i + 1 >= argv.length) throw missing(`-${c}`);
    applyValue(o, key, `-${c}`, argv[i + 1]!);
    return 2;
  }
  return 1;
}

export function parseCurlArgs(argv: string[]): CurlOptions {
  const o = emptyOptions();
  for (let i = 0; i < argv.length; ) {
    const arg = argv[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const key = LONG[name];
      if (!key) throw unknown(`--${name}`);
      if (!VALUED.has(key)) {
        o[key as Flag] = true;
        i += 1;
        continue;
      }
      const value = inline ?? argv[i + 1];
      if (value === undefined) throw missing(`--${name}`);
      applyValue(o, key, `--${name}`, value);
      i += inline !== undefined ? 1 : 2;
    } else if (arg.startsWith('-') && arg.length > 1) {
      i += parseShortBundle(o, argv, i);
    } else {
      o.urls.push(arg);
      i += 1;
    }
  }
  if (o.urls.length === 0) {
    throw new CurlUsageError("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information");
  }
  return o;
}

/** The method curl uses: -X wins, then -I (HEAD), then -d (POST), else GET. */
export function requestMethod(o: CurlOptions): string {
  return o.method ?? (o.head ? 'HEAD' : o.data.length > 0 ? 'POST' : 'GET');
}

/** curl accepts URLs without a scheme and assumes http. */
export function normalizeUrl(raw: string): string {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(raw) ? raw : `http://${raw}`;
}
