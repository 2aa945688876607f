import { describe, expect, it } from 'vitest';
import { makeNode } from '../testing/builders.js';
import { matchesNodeSelector, matchesTerm, matchesTerms } from './node-selector.js';
import type { NodeSelectorRequirement } from './types.js';

const node = makeNode('node-1').labels({ disk: 'ssd', cores: '8' }).build();
const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });

describe('node selector terms', () => {
  it.each([
    [expr('disk', 'In', ['ssd', 'hdd']), true],
    [expr('disk', 'In', ['hdd']), false],
    [expr('zone', 'In', ['a']), false],
    [expr('disk', 'NotIn', ['hdd']), true],
    [expr('disk', 'NotIn', ['ssd']), false],
    [expr('zone', 'NotIn', ['a']), true],
    [expr('disk', 'Exists'), true],
    [expr('zone', 'Exists'), false],
    [expr('zone', 'DoesNotExist'), true],
    [expr('disk', 'DoesNotExist'), false],
    [expr('cores', 'Gt', ['4']), true],
    [expr('cores', 'Gt', ['8']), false],
    [expr('cores', 'Lt', ['16']), true],
    [expr('disk', 'Gt', ['1']), false],
    [expr('zone', 'Lt', ['1']), false],
    [expr('cores', 'Gt', ['x']), false],
  ])('%o → %s', (r, want) => {
    expect(matchesTerm({ matchExpressions: [r] }, node)).toBe(want);
  });

  it('ANDs the requirements of a term and ORs the terms', () => {
    const ssd = expr('disk', 'In', ['ssd']);
    const hdd = expr('disk', 'In', ['hdd']);
    expect(matchesTerm({ matchExpressions: [ssd, expr('cores', 'Gt', ['16'])] }, node)).toBe(false);
    expect(matchesTerms([{ matchExpressions: [hdd] }, { matchExpressions: [ssd] }], node)).toBe(true);
  });

  it('matches metadata.name with matchFields, and an empty term matches nothing', () => {
    expect(matchesTerm({ matchFields: [expr('metadata.name', 'In', ['node-1'])] }, node)).toBe(true);
    expect(matchesTerm({ matchFields: [expr('metadata.name', 'NotIn', ['node-1'])] }, node)).toBe(false);
    expect(matchesTerm({ matchFields: [expr('metadata.name', 'Exists')] }, node)).toBe(false);
    expect(matchesTerm({}, node)).toBe(false);
  });

  it('nodeSelector needs every label with its value', () => {
    expect(matchesNodeSelector({ disk: 'ssd' }, node.metadata.labels)).toBe(true);
    expect(matchesNodeSelector({ disk: 'ssd', zone: 'a' }, node.metadata.labels)).toBe(false);
    expect(matchesNodeSelector(undefined, undefined)).toBe(true);
  });
});
