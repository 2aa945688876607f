import { describe, expect, it } from 'vitest';
import { CurlUsageError, normalizeUrl, parseCurlArgs, requestMethod } from './curl-args.js';

describe('parseCurlArgs', () => {
  it.each([
    [['http://a/'], { urls: ['http://a/'] }],
    [['-s', 'a'], { silent: true, urls: ['a'] }],
    [['-sS', 'a'], { silent: true, showError: true }],
    [['-sSLfik', 'a'], { silent: true, showError: true, location: true, fail: true, include: true, insecure: true }],
    [['-I', 'a'], { head: true }],
    [['-v', 'a'], { verbose: true }],
    [['-o', '/tmp/x', 'a'], { output: '/tmp/x' }],
    [['-o/tmp/x', 'a'], { output: '/tmp/x' }],
    [['-so', '/tmp/x', 'a'], { silent: true, output: '/tmp/x' }],
    [['-XPOST', 'a'], { method: 'POST' }],
    [['--request', 'PUT', 'a'], { method: 'PUT' }],
    [['--request=DELETE', 'a'], { method: 'DELETE' }],
    [['-H', 'X-A: 1', '--header', 'X-B: 2', 'a'], { headers: ['X-A: 1', 'X-B: 2'] }],
    [['-d', 'a=1', '--data-raw', 'b=2', 'u'], { data: ['a=1', 'b=2'] }],
    [['-m', '2.5', '--connect-timeout', '1', 'a'], { maxTimeSeconds: 2.5, connectTimeoutSeconds: 1 }],
    [['-w', '%{http_code}', 'a'], { writeOut: '%{http_code}' }],
    [['--url', 'http://x', 'http://y'], { urls: ['http://x', 'http://y'] }],
    [['-A', 'probe/1', 'a'], { userAgent: 'probe/1' }],
  ])('%j', (argv, expected) => {
    expect(parseCurlArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [[], "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information"],
    [['-s'], 'curl: no URL specified!'],
    [['--bogus', 'a'], "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information"],
    [['-Z', 'a'], 'curl: option -Z: is unknown'],
    [['a', '-o'], 'curl: option -o: requires parameter'],
    [['a', '--header'], 'curl: option --header: requires parameter'],
    [['-m', 'soon', 'a'], 'curl: option -m: expected a proper numerical parameter'],
  ])('rejects %j with exit code 2', (argv, message) => {
    let err: unknown;
    try {
      parseCurlArgs(argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CurlUsageError);
    expect((err as CurlUsageError).exitCode).toBe(2);
    expect((err as Error).message.startsWith(message)).toBe(true);
  });
});

describe('requestMethod and normalizeUrl', () => {
  it.each([
    [['a'], 'GET'],
    [['-I', 'a'], 'HEAD'],
    [['-d', 'x', 'a'], 'POST'],
    [['-d', 'x', '-X', 'PUT', 'a'], 'PUT'],
  ])('%j → %s', (argv, method) => {
    expect(requestMethod(parseCurlArgs(argv))).toBe(method);
  });

  it.each([
    ['10.0.0.1', 'http://10.0.0.1'],
    ['hello:8080/x', 'http://hello:8080/x'],
    ['http://a', 'http://a'],
    ['https://a', 'https://a'],
    ['ftp://a', 'ftp://a'],
  ])('%s → %s', (raw, url) => {
    expect(normalizeUrl(raw)).toBe(url);
  });
});
