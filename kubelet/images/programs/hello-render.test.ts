import { describe, expect, it } from 'vitest';
import {
  accessLogLine, entrypointLines, escapeLogValue, htmlBody, nginxErrorLogTime, nginxNotice, nginxTimeLocal, plainAddress, plainTextBody,
} from './hello-render.js';

const DATE = new Date('2026-11-28T10:00:00Z');
const INFO = {
  serverAddr: '10.244.1.5', serverPort: 80, hostname: 'hello-7d9f8b6c5-x2x4z', date: DATE, uri: '/path?q=1',
  requestId: '0123456789abcdef0123456789abcdef', remoteAddr: '10.244.2.7', remotePort: 51234,
};

describe('nginxdemos/hello pages', () => {
  it('answers in the plain-text layout of hello-plain-text.conf, byte for byte', () => {
    expect(plainTextBody(INFO)).toBe(
      'Server address: 10.244.1.5:80\n' +
        'Server name: hello-7d9f8b6c5-x2x4z\n' +
        'Date: 28/Nov/2026:10:00:00 +0000\n' +
        'URI: /path?q=1\n' +
        'Request ID: 0123456789abcdef0123456789abcdef\n',
    );
  });

  it('shows the same data on the HTML page, in the page’s order, escaped', () => {
    const html = htmlBody({ ...INFO, uri: '/<script>' });
    const order = ['Server&nbsp;name:', 'hello-7d9f8b6c5-x2x4z', 'Server&nbsp;address:', '10.244.1.5:80', 'URI:', '/&#60;script&#62;',
      'Date:', '28/Nov/2026:10:00:00 +0000', 'Client&nbsp;IP:', '10.244.2.7:51234', 'Request ID: 0123456789abcdef0123456789abcdef'];
    let at = 0;
    for (const piece of order) {
      const found = html.indexOf(piece, at);
      expect(found, piece).toBeGreaterThanOrEqual(at);
      at = found + piece.length;
    }
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>Hello World</title>');
    expect(html).not.toContain('<script>');
  });
});

describe('nginx time formats', () => {
  it.each([
    ['2026-11-28T10:00:00Z', '28/Nov/2026:10:00:00 +0000', '2026/11/28 10:00:00'],
    ['2026-01-05T03:04:05.999Z', '05/Jan/2026:03:04:05 +0000', '2026/01/05 03:04:05'],
    ['2025-12-31T23:59:59Z', '31/Dec/2025:23:59:59 +0000', '2025/12/31 23:59:59'],
  ])('%s', (iso, local, errorLog) => {
    expect(nginxTimeLocal(new Date(iso))).toBe(local);
    expect(nginxErrorLogTime(new Date(iso))).toBe(errorLog);
  });

  it('writes error-log notices as nginx does', () => {
    expect(nginxNotice(DATE, 1, 'start worker processes')).toBe('2026/11/28 10:00:00 [notice] 1#1: start worker processes\n');
  });
});

describe('access log (the nginx image’s main format)', () => {
  it('logs a request as the real container does', () => {
    expect(
      accessLogLine({ remoteAddr: '10.244.2.7', date: DATE, request: 'GET / HTTP/1.1', status: 200, bodyBytes: 155, userAgent: 'curl/7.88.1' }),
    ).toBe('10.244.2.7 - - [28/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 155 "-" "curl/7.88.1" "-"\n');
  });

  it('fills referer and forwarded-for, and dashes empty values', () => {
    const line = accessLogLine({ remoteAddr: '1.2.3.4', remoteUser: '', date: DATE, request: 'HEAD /x HTTP/1.0', status: 200, bodyBytes: 0, referer: 'http://a/', userAgent: '', forwardedFor: '5.6.7.8' });
    expect(line).toBe('1.2.3.4 - - [28/Nov/2026:10:00:00 +0000] "HEAD /x HTTP/1.0" 200 0 "http://a/" "-" "5.6.7.8"\n');
  });

  it.each([
    ['plain', 'plain'],
    ['say "hi"', 'say \\x22hi\\x22'],
    ['back\\slash', 'back\\x5Cslash'],
    ['tab\there', 'tab\\x09here'],
    ['é', '\\xC3\\xA9'],
  ])('escapes %j like nginx', (input, out) => {
    expect(escapeLogValue(input)).toBe(out);
  });
});

describe('helpers', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['10.0.0.1', '10.0.0.1'],
    ['::1', '::1'],
  ])('plainAddress(%s)', (a, b) => expect(plainAddress(a)).toBe(b));

  it('prints the entrypoint script’s lines, ending with the start-up line', () => {
    const lines = entrypointLines().trimEnd().split('\n');
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines.at(-1)).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up');
  });
});
