/**
 * Running one probe or lifecycle handler against a container, with the kubelet's exact outcome texts
 * (pkg/probe/http, tcp, exec):
 *
 *   httpGet    success on 200 ≤ status < 400; else `HTTP probe failed with statuscode: 503`;
 *              a refused connection `Get "http://127.244.1.2:80/healthz": dial tcp 127.244.1.2:80: connect: connection refused`
 *   tcpSocket  success when the connection opens; else `dial tcp 127.244.1.2:80: connect: connection refused`
 *              or `dial tcp 127.244.1.2:80: i/o timeout`
 *   exec       success on exit 0; else failure with the command's output; `command "sleep 9" timed out`
 *
 * The host is the pod IP unless the handler names one; a port may be a container port's name.
 * Requests carry `User-Agent: kube-probe/1.32`. exec runs through an ExecRunner (the runtime's exec, or
 * a spawn with the container's environment, exec-runner.ts). Never throws: every failure is an outcome.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { ExecResult } from '../runtime-port.js';
import type { Container, Handler } from '../pods/types.js';

export interface ProbeOutcome {
  result: 'success' | 'failure';
  output: string;
}

export type ExecRunner = (argv: string[], timeoutMs: number) => Promise<ExecResult>;

export interface ProbeTarget {
  podIP: string;
  container: Container;
  exec: ExecRunner;
}

const USER_AGENT = 'kube-probe/1.32';

export async function runProbe(handler: Handler, target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  try {
    if (handler.httpGet) return await httpProbe(handler.httpGet, target, timeoutMs);
    if (handler.tcpSocket) return await tcpProbe(handler.tcpSocket, target, timeoutMs);
    if (handler.exec) return await execProbe(handler.exec.command ?? [], target, timeoutMs);
    return { result: 'failure', output: 'missing probe handler' };
  } catch (err) {
    return { result: 'failure', output: err instanceof Error ? err.message : String(err) };
  }
}

/** A port number, or the number of the container port with that name. */
export function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function dialError(host: string, port: number, err: NodeJS.ErrnoException): string {
  const why = err.code === 'ECONNREFUSED' ? 'connection refused' : err.code === 'EHOSTUNREACH' ? 'no route to host' : (err.code ?? err.message).toLowerCase();
  return `dial tcp ${host}:${port}: connect: ${why}`;
}

function httpProbe(spec: NonNullable<Handler['httpGet']>, target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const port = resolvePort(spec.port, target.container);
  const host = spec.host || target.podIP;
  const scheme = (spec.scheme ?? 'HTTP').toLowerCase();
  const path = spec.path ? (spec.path.startsWith('/') ? spec.path : `/${spec.path}`) : '/';
  const url = `${scheme}://${host}:${port}${path}`;
  if (port === undefined) return Promise.resolve({ result: 'failure', output: `unable to resolve the port "${spec.port}"` });
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: '*/*' };
  for (const h of spec.httpHeaders ?? []) headers[h.name] = h.value;
  return new Promise((resolve) => {
    const send = scheme === 'https' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers, timeout: timeoutMs, agent: false, ...(scheme === 'https' ? { rejectUnauthorized: false } : {}) }, (res) => {
      const code = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => resolve(code >= 200 && code < 400 ? { result: 'success', output: '' } : { result: 'failure', output: `HTTP probe failed with statuscode: ${code}` }));
      res.on('error', (err) => resolve({ result: 'failure', output: `Get "${url}": ${err.message}` }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'PROBE_TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => {
      const output = err.code === 'PROBE_TIMEOUT'
        ? `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`
        : `Get "${url}": ${dialError(host, port, err)}`;
      resolve({ result: 'failure', output });
    });
    req.end();
  });
}

function tcpProbe(spec: NonNullable<Handler['tcpSocket']>, target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const port = resolvePort(spec.port, target.container);
  const host = spec.host || target.podIP;
  if (port === undefined) return Promise.resolve({ result: 'failure', output: `unable to resolve the port "${spec.port}"` });
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (outcome: ProbeOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ result: 'failure', output: `dial tcp ${host}:${port}: i/o timeout` }), timeoutMs);
    socket.on('connect', () => done({ result: 'success', output: '' }));
    socket.on('error', (err: NodeJS.ErrnoException) => done({ result: 'failure', output: dialError(host, port, err) }));
  });
}

async function execProbe(command: string[], target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const r = await target.exec(command, timeoutMs);
  if (r.timedOut) return { result: 'failure', output: `command ${JSON.stringify(command.join(' '))} timed out` };
  return { result: r.exitCode === 0 ? 'success' : 'failure', output: r.output };
}
