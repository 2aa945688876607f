import { describe, expect, it } from 'vitest';
import {
  isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isRelaxedEnvVarName,
  isValidLabelValue, isValidPortName, nameIsDNSSubdomain, validatePathSegmentName,
} from './names.js';

const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_TAIL = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('DNS names', () => {
  it.each([
    ['hello', []],
    ['web.example.com', []],
    ['Hello_World', [SUBDOMAIN_MSG]],
    ['-start', [SUBDOMAIN_MSG]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('subdomain %s', (v, want) => expect(isDNS1123Subdomain(v)).toEqual(want));

  it.each([
    ['my-name', []],
    ['123-abc', []],
    ['a.b', ['must not contain dots']],
    ['UPPER', [LABEL_MSG]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('label %s', (v, want) => expect(isDNS1123Label(v)).toEqual(want));

  it.each([
    ['my-svc', []],
    ['1abc', [DNS1035_MSG]],
  ])('DNS-1035 label %s', (v, want) => expect(isDNS1035Label(v)).toEqual(want));

  it('masks a trailing dash of a generateName prefix the way Go does (drops two characters)', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN_MSG]);
  });

  it('keeps names URL-safe', () => {
    expect(validatePathSegmentName('..', false)).toEqual(["may not be '..'"]);
    expect(validatePathSegmentName('a/b%c', false)).toEqual(["may not contain '/'", "may not contain '%'"]);
  });
});

describe('qualified names and label values', () => {
  it.each([
    ['app', []],
    ['example.com/app', []],
    ['/app', ['prefix part must be non-empty']],
    ['Example.com/app', ['prefix part ' + SUBDOMAIN_MSG]],
    ['a/b/c', ["a qualified name " + QNAME_TAIL + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
    ['bad key', ['name part ' + QNAME_TAIL]],
    ['x'.repeat(64), ['name part must be no more than 63 characters']],
  ])('qualified name %s', (v, want) => expect(isQualifiedName(v)).toEqual(want));

  it('label values may be empty but not odd', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('-x')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe('IANA service names, env names, config keys', () => {
  it.each([
    ['http', []],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['80', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-web', ['must not begin or end with a hyphen']],
    ['a-very-long-port-name', ['must be no more than 15 characters']],
  ])('port name %s', (v, want) => expect(isValidPortName(v)).toEqual(want));

  it('accepts any printable ASCII but = in env names (v1.32 default)', () => {
    expect(isRelaxedEnvVarName('1 weird.NAME-ok')).toEqual([]);
    expect(isRelaxedEnvVarName('A=B')).toEqual(["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
    expect(isRelaxedEnvVarName('caf\u00e9')).toHaveLength(1);
  });

  it('checks config keys and their dot prefixes', () => {
    expect(isConfigMapKey('app.conf')).toEqual([]);
    expect(isConfigMapKey('..data')).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey('a b')[0]).toMatch(/^a valid config key must consist of alphanumeric characters, '-', '_' or '.' \(e\.g\. 'key\.name',  or 'KEY_NAME',  or 'key-name', /);
  });
});
