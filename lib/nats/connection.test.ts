import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCredentials, readCredentials } from './connection.js';

describe('parseCredentials', () => {
  it('reads url, user and pass from the "nats" object', () => {
    expect(parseCredentials('{"nats":{"url":"nats://127.0.0.1:4222","user":"kubelet","pass":"s3cret"},"other":1}', 'f.json')).toEqual({
      url: 'nats://127.0.0.1:4222', user: 'kubelet', pass: 's3cret',
    });
  });

  it.each([
    ['not json', 'f.json: not valid JSON'],
    ['{}', 'f.json: missing the "nats" object'],
    ['null', 'f.json: missing the "nats" object'],
    ['{"nats":{"url":"nats://x","user":"u"}}', 'f.json: nats.pass must be a non-empty string'],
    ['{"nats":{"url":"","user":"u","pass":"p"}}', 'f.json: nats.url must be a non-empty string'],
    ['{"nats":{"url":"nats://x","user":7,"pass":"p"}}', 'f.json: nats.user must be a non-empty string'],
  ])('rejects %s', (text, message) => {
    expect(() => parseCredentials(text, 'f.json')).toThrow(message);
  });
});

describe('readCredentials', () => {
  it('reads a credentials file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-creds-'));
    const path = join(dir, 'scheduler.json');
    await writeFile(path, JSON.stringify({ nats: { url: 'nats://h:1', user: 'scheduler', pass: 'p' } }));
    expect(await readCredentials(path)).toEqual({ url: 'nats://h:1', user: 'scheduler', pass: 'p' });
  });
});
