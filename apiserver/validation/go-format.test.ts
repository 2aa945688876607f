import { describe, expect, it } from 'vitest';
import { duplicate, errorText, forbidden, invalid, notSupported, required, tooLong, tooMany } from './field-errors.js';
import { goIntOrString, goLabelSelector, goQuote, goStringMap } from './go-format.js';

describe('Go value spelling', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"\n', '"say \\"hi\\"\\n"'],
    ['tab\there', '"tab\\there"'],
    ['\x01', '"\\x01"'],
    ['café', '"café"'],
  ])('quotes %j like strconv.Quote', (s, want) => expect(goQuote(s)).toBe(want));

  it('prints maps sorted, and nil maps as nil', () => {
    expect(goStringMap({ tier: 'web', app: 'hello' }).text).toBe('map[string]string{"app":"hello", "tier":"web"}');
    expect(goStringMap(undefined).text).toBe('map[string]string(nil)');
    expect(goStringMap({}).text).toBe('map[string]string{}');
  });

  it('prints IntOrString and LabelSelector structs', () => {
    expect(goIntOrString(0).text).toBe('intstr.IntOrString{Type:0, IntVal:0, StrVal:""}');
    expect(goIntOrString('20%').text).toBe('intstr.IntOrString{Type:1, IntVal:0, StrVal:"20%"}');
    expect(goLabelSelector({ matchLabels: { app: 'x' } }).text)
      .toBe('v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}');
  });
});

describe('field error bodies', () => {
  it.each([
    [required('spec.containers[0].image'), 'FieldValueRequired', 'Required value'],
    [required('metadata.name', 'name or generateName is required'), 'FieldValueRequired', 'Required value: name or generateName is required'],
    [invalid('spec.replicas', -1, 'must be greater than or equal to 0'), 'FieldValueInvalid', 'Invalid value: -1: must be greater than or equal to 0'],
    [invalid('metadata.name', 'A', 'x'), 'FieldValueInvalid', 'Invalid value: "A": x'],
    [invalid('spec.activeDeadlineSeconds', null, 'x'), 'FieldValueInvalid', 'Invalid value: null: x'],
    [notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']), 'FieldValueNotSupported', 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    [duplicate('spec.ports[1].name', 'http'), 'FieldValueDuplicate', 'Duplicate value: "http"'],
    [forbidden('spec', 'nope'), 'FieldValueForbidden', 'Forbidden: nope'],
    [tooLong('metadata.annotations', 262144), 'FieldValueTooLong', 'Too long: may not be more than 262144 bytes'],
    [tooMany('endpoints', 1001, 1000), 'FieldValueTooMany', 'Too many: 1001: must have at most 1000 items'],
  ])('%#', (cause, reason, message) => {
    expect(cause.reason).toBe(reason);
    expect(cause.message).toBe(message);
  });

  it('omits the field of a whole-object error, and prints it as Go does', () => {
    const e = tooLong('', 1048576);
    expect(e.field).toBeUndefined();
    expect(errorText(e)).toBe(': Too long: may not be more than 1048576 bytes');
  });
});
