import { describe, expect, it } from 'vitest';
import { FrameType } from '../../lib/nats/streaming-protocol.js';
import { chooseProtocol, failureMessage, fromClientMessage, toClientMessage } from './channel-protocol.js';
import { parseStreamRequest } from './exec-options.js';

const q = (s: string) => new URLSearchParams(s);

describe('parseStreamRequest', () => {
  it('reads kubectl exec -it hello -c debug -- bash', () => {
    expect(parseStreamRequest('exec', q('command=bash&container=debug&stdin=true&stdout=true&tty=true'))).toEqual({
      container: 'debug', command: ['bash'], stdin: true, stdout: true, stderr: false, tty: true,
    });
  });

  it('keeps every command element in order', () => {
    expect(parseStreamRequest('exec', q('command=sh&command=-c&command=exit+3&stderr=true&stdout=true')).command).toEqual(['sh', '-c', 'exit 3']);
  });

  it('drops stderr under a TTY, as the kubelet does', () => {
    expect(parseStreamRequest('exec', q('command=bash&stderr=true&stdout=true&tty=true')).stderr).toBe(false);
  });

  it('needs no command for attach', () => {
    expect(parseStreamRequest('attach', q('container=test&stdin=true&stdout=true&tty=true')).command).toEqual([]);
  });

  it.each([
    ['exec', 'command=ls', 'you must specify at least 1 of stdin, stdout, stderr'],
    ['exec', 'stdout=true', 'you must specify at least one command for the container'],
  ] as const)('%s %s is refused', (verb, query, message) => {
    expect(() => parseStreamRequest(verb, q(query))).toThrow(message);
  });
});

describe('the v5 channel protocol', () => {
  it.each([
    ['stdin', [0, 104, 105], { type: FrameType.STDIN, payload: [104, 105] }],
    ['resize', [4, 123, 125], { type: FrameType.RESIZE, payload: [123, 125] }],
    ['close of stdin', [255, 0], { type: FrameType.CLOSE, payload: [0] }],
  ])('turns a client %s message into a frame', (_n, msg, want) => {
    const got = fromClientMessage(new Uint8Array(msg));
    expect('type' in got && { type: got.type, payload: [...got.payload] }).toEqual(want);
  });

  it.each([
    ['an empty message', []],
    ['a stdout message from a client', [1, 65]],
    ['a close signal without a channel', [255]],
  ])('ignores %s', (_n, msg) => expect(fromClientMessage(new Uint8Array(msg))).toHaveProperty('ignored'));

  it('puts kubelet output on its channel and drops control frames', () => {
    const frame = (type: FrameType) => ({ type, seq: 1, payload: new Uint8Array([65]) });
    expect([...toClientMessage(frame(FrameType.STDOUT))!]).toEqual([1, 65]);
    expect([...toClientMessage(frame(FrameType.STDERR))!]).toEqual([2, 65]);
    expect([...toClientMessage(frame(FrameType.STATUS))!]).toEqual([3, 65]);
    expect(toClientMessage(frame(FrameType.ACK))).toBeUndefined();
  });

  it('writes an apiserver-side failure as a Status on channel 3', () => {
    const msg = failureMessage('node down');
    expect(msg[0]).toBe(3);
    expect(JSON.parse(new TextDecoder().decode(msg.subarray(1)))).toEqual({ metadata: {}, status: 'Failure', message: 'node down', reason: 'InternalError', code: 500 });
  });

  it('accepts v5 only', () => {
    expect(chooseProtocol(['v4.channel.k8s.io', 'v5.channel.k8s.io'])).toBe('v5.channel.k8s.io');
    expect(chooseProtocol(new Set(['v4.channel.k8s.io']))).toBeUndefined();
  });
});
