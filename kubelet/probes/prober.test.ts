import { describe, expect, it } from 'vitest';
import { resolvePort, runProbe } from './prober.js';

describe('resolvePort', () => {
  const container = { name: 'nginx', image: 'x', ports: [{ name: 'http', containerPort: 80 }] };
  it.each([[8080, 8080], ['8080', 8080], ['http', 80], ['grpc', undefined]] as const)('%s → %s', (port, expected) => {
    expect(resolvePort(port, container)).toBe(expected);
  });
});

describe('runProbe: exec', () => {
  const target = (exitCode: number, output: string, timedOut = false) => ({ podIP: '127.0.0.1', container: { name: 'c', image: 'x' }, exec: async () => ({ exitCode, output, timedOut }) });
  it.each([
    [0, 'ok', false, { result: 'success', output: 'ok' }],
    [1, 'cat: /tmp/healthy: No such file or directory\n', false, { result: 'failure', output: 'cat: /tmp/healthy: No such file or directory\n' }],
    [137, '', true, { result: 'failure', output: 'command "cat /tmp/healthy" timed out' }],
  ] as const)('exit %i → %o', async (code, output, timedOut, expected) => {
    expect(await runProbe({ exec: { command: ['cat', '/tmp/healthy'] } }, target(code, output, timedOut), 1000)).toEqual(expected);
  });
});
