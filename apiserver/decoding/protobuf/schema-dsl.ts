/**
 * The compact notation our protobuf tables are written in, and its parser.
 *
 * Each message is one line of fields, `json=number[:type][flags]`, e.g.
 *   ContainerPort: 'name=1 hostPort=2:int32 containerPort=3:int32! protocol=4 hostIP=5'
 * - `json` is the field's JSON name, which go-to-protobuf also uses as the proto field name;
 * - the type defaults to `string`; scalars are string, int32, int64, bool, bytes, double; a message is
 *   `Name` (same package) or `pkg.Name` (meta, core, apps, intstr, resource, runtime, ...);
 *   `[T]` is a repeated field, `{T}` a `map<string, T>`;
 * - flags say how Go's JSON encoder writes the field's zero value, which is what decides whether the
 *   JSON a Go client would have sent contains it:
 *     (none) `omitempty` on a value: zero is left out;
 *     `!`    no `omitempty`: always written, zero included;
 *     `?`    a pointer: written exactly when set, zero included (gogo writes it to the wire iff set);
 *     `^`    an embedded struct (`json:",inline"`): its fields belong to the parent's JSON object.
 *   Message fields need no flag: gogo writes a non-pointer struct always and a pointer iff set, so
 *   "on the wire" already means "in the JSON".
 *
 * Interface: defineMessages(pkg, table) → MessageSpec[]; goFieldName(field). Pure.
 */

export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes' | 'double';
export type Presence = 'omitempty' | 'always' | 'pointer';

export interface FieldSpec {
  /** JSON name, equal to the proto field name. */
  json: string;
  id: number;
  /** A ScalarType or a qualified message name such as `core.Container`. */
  type: string;
  label: 'optional' | 'repeated' | 'map';
  presence: Presence;
  inline: boolean;
}

export interface MessageSpec {
  /** Qualified name, `pkg.Name`. */
  name: string;
  fields: FieldSpec[];
}

export const SCALARS: ReadonlySet<string> = new Set(['string', 'int32', 'int64', 'bool', 'bytes', 'double']);

export class SchemaSyntaxError extends Error {
  override readonly name = 'SchemaSyntaxError';
}

const FIELD = /^([A-Za-z][A-Za-z0-9]*)=(\d+)(?::([[{]?)([A-Za-z0-9.]+)([\]}]?))?([?!^]?)$/;

function qualify(pkg: string, type: string): string {
  if (SCALARS.has(type) || type.includes('.')) return type;
  return `${pkg}.${type}`;
}

function parseField(pkg: string, message: string, token: string): FieldSpec {
  const m = FIELD.exec(token);
  if (!m) throw new SchemaSyntaxError(`${pkg}.${message}: cannot read field "${token}"`);
  const [, json, id, open = '', type = 'string', close = '', flag] = m;
  if ((open === '[' && close !== ']') || (open === '{' && close !== '}') || (!open && close)) {
    throw new SchemaSyntaxError(`${pkg}.${message}: unbalanced brackets in "${token}"`);
  }
  const label = open === '[' ? 'repeated' : open === '{' ? 'map' : 'optional';
  const presence: Presence = flag === '!' ? 'always' : flag === '?' ? 'pointer' : 'omitempty';
  return { json: json!, id: Number(id), type: qualify(pkg, type), label, presence, inline: flag === '^' };
}

/** Parses one package's table: message short name → field line. */
export function defineMessages(pkg: string, table: Record<string, string>): MessageSpec[] {
  return Object.entries(table).map(([name, line]) => {
    const fields = line.trim() === '' ? [] : line.trim().split(/\s+/).map((t) => parseField(pkg, name, t));
    const ids = new Set(fields.map((f) => f.id));
    if (ids.size !== fields.length) throw new SchemaSyntaxError(`${pkg}.${name}: a field number is used twice`);
    return { name: `${pkg}.${name}`, fields };
  });
}

/** The short (Go) name of a qualified message name: `core.Container` → `Container`. */
export function shortName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

/**
 * Go struct field names that are not the JSON name with its first letter raised, as gogo's generated
 * code prints them in "proto: wrong wireType = 0 for field X".
 */
const GO_NAMES: Record<string, string> = {
  apiVersion: 'APIVersion', uid: 'UID', ip: 'IP', ipFamilies: 'IPFamilies', ipFamilyPolicy: 'IPFamilyPolicy',
  ipMode: 'IPMode', httpGet: 'HTTPGet', httpHeaders: 'HTTPHeaders', tcpSocket: 'TCPSocket', grpc: 'GRPC',
  dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', os: 'OS', tty: 'TTY', fsGroup: 'FSGroup',
  fsGroupChangePolicy: 'FSGroupChangePolicy', fsType: 'FSType', seLinuxOptions: 'SELinuxOptions',
  seLinuxChangePolicy: 'SELinuxChangePolicy', nfs: 'NFS', csi: 'CSI', qosClass: 'QOSClass',
  gmsaCredentialSpecName: 'GMSACredentialSpecName', gmsaCredentialSpec: 'GMSACredentialSpec',
  serviceAccount: 'DeprecatedServiceAccount', reportingComponent: 'ReportingController',
  clientIP: 'ClientIP', podIPs: 'PodIPs', hostIPs: 'HostIPs', clusterIPs: 'ClusterIPs', externalIPs: 'ExternalIPs',
};

/** The Go field name gogo uses for a field: embedded structs and `metadata` are named after their type. */
export function goFieldName(field: FieldSpec): string {
  if (field.inline || field.json === 'metadata' || field.json === 'typeMeta') return shortName(field.type);
  return GO_NAMES[field.json] ?? field.json.charAt(0).toUpperCase() + field.json.slice(1);
}
