/**
 * Container ports and port references (core validation.go): containerPort required and 1-65535,
 * hostPort 1-65535 when set, protocol TCP/UDP/SCTP, port names IANA_SVC_NAME and unique per container,
 * no two containers claiming the same protocol/hostIP/hostPort, and the int-or-name form probes and
 * Service targetPorts use.
 */
import { type ErrorList, child, duplicate, index, invalid, notSupported, required } from './field-errors.js';
import { isValidPortName, isValidPortNum } from './names.js';

/** Go passes `sets.List(supportedPortProtocols)`, which is sorted. */
export const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateProtocol(protocol: unknown, field: string): ErrorList {
  if (!protocol) return [required(field)];
  if (!SUPPORTED_PORT_PROTOCOLS.includes(String(protocol))) return [notSupported(field, String(protocol), SUPPORTED_PORT_PROTOCOLS)];
  return [];
}

export function validateContainerPorts(ports: unknown, field: string): ErrorList {
  const errs: ErrorList = [];
  const names = new Set<string>();
  (Array.isArray(ports) ? ports : []).forEach((port: Record<string, any>, i: number) => {
    const p = port ?? {};
    const at = index(field, i);
    if (p.name) {
      const name = String(p.name);
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(child(at, 'name'), name, m)));
      else if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
      else names.add(name);
    }
    const containerPort = Number(p.containerPort ?? 0);
    if (containerPort === 0) errs.push(required(child(at, 'containerPort')));
    else errs.push(...isValidPortNum(containerPort).map((m) => invalid(child(at, 'containerPort'), containerPort, m)));
    const hostPort = Number(p.hostPort ?? 0);
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => invalid(child(at, 'hostPort'), hostPort, m)));
    errs.push(...validateProtocol(p.protocol, child(at, 'protocol')));
  });
  return errs;
}

/** An IntOrString port: a number in 1-65535 or an IANA service name. */
export function validatePortNumOrName(port: unknown, field: string): ErrorList {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(field, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => invalid(field, n, m));
}

/**
 * Host ports must not collide across the given containers (keyed by protocol/hostIP/hostPort).
 * `seen` is shared by the caller when several lists count together.
 */
export function accumulateUniqueHostPorts(containers: unknown, field: string, seen: Set<string>): ErrorList {
  const errs: ErrorList = [];
  (Array.isArray(containers) ? containers : []).forEach((c: Record<string, any>, ci: number) => {
    (Array.isArray(c?.ports) ? c.ports : []).forEach((p: Record<string, any>, pi: number) => {
      const hostPort = Number(p?.hostPort ?? 0);
      if (hostPort === 0) return;
      const id = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${hostPort}`;
      if (seen.has(id)) errs.push(duplicate(child(index(child(index(field, ci), 'ports'), pi), 'hostPort'), id));
      else seen.add(id);
    });
  });
  return errs;
}
