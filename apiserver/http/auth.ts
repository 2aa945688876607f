/**
 * Bearer-token authentication, as kube-apiserver's `--token-auth-file`: a CSV of
 * `token,user,uid,"group1,group2"`. Every request needs a known token except the health endpoints and
 * /version (which real clusters also show to anonymous users).
 */
import { readFileSync } from 'node:fs';

export interface UserInfo {
  name: string;
  uid: string;
  groups: string[];
}

export type TokenTable = ReadonlyMap<string, UserInfo>;

/** Parses the token file's text. Lines that are empty or start with '#' are skipped. */
export function parseTokenFile(text: string): TokenTable {
  const table = new Map<string, UserInfo>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = splitCsv(line);
    if (fields.length < 3) throw new Error(`token file line needs at least token,user,uid: ${JSON.stringify(line.slice(0, 8))}...`);
    const [token, name, uid, groups] = fields as [string, string, string, string?];
    table.set(token, { name, uid, groups: groups ? groups.split(',').filter(Boolean) : [] });
  }
  return table;
}

export function readTokenFile(path: string): TokenTable {
  return parseTokenFile(readFileSync(path, 'utf8'));
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

const OPEN_PATHS = /^\/(healthz|livez|readyz|version)(\/.*)?$/;

export function isOpenPath(path: string): boolean {
  return OPEN_PATHS.test(path);
}

/** The user a request's Authorization header names, or undefined when it names nobody we know. */
export function authenticate(tokens: TokenTable, authorization: string | undefined): UserInfo | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m ? tokens.get(m[1]!) : undefined;
}
