import { errors } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError, TimeoutError } from '../errors.js';
import { toTransportError } from './nats-transport.js';

describe('toTransportError', () => {
  it.each([
    ['a request timeout', new errors.TimeoutError(), TimeoutError, 'no reply on s within 5000ms'],
    ['no responders (as the cause of a RequestError)', new errors.RequestError('503', { cause: new errors.NoRespondersError('s') }), ServiceUnavailableError, 'no apiserver is listening on s'],
    ['no responders (bare)', new errors.NoRespondersError('s'), ServiceUnavailableError, 'no apiserver is listening on s'],
    ['a disconnection', new errors.RequestError('connection disconnected'), ServiceUnavailableError, 'NATS request on s failed: connection disconnected'],
    ['a closed connection', new errors.ClosedConnectionError(), ServiceUnavailableError, 'NATS request on s failed: closed connection'],
  ])('maps %s', (_name, err, type, message) => {
    const mapped = toTransportError(err, 's', 5000);
    expect(mapped).toBeInstanceOf(type);
    expect(mapped.message).toBe(message);
  });
});
