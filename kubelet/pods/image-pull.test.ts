import { describe, expect, it } from 'vitest';
import { decideImagePull, pullPolicyOf } from './image-pull.js';
import type { Container } from './types.js';

const policy = { initialMs: 10_000, maxMs: 300_000 };
const c = (image: string, imagePullPolicy?: Container['imagePullPolicy']): Container => ({ name: 'c', image, ...(imagePullPolicy ? { imagePullPolicy } : {}) });

describe('pullPolicyOf', () => {
  it.each([
    ['nginx', 'Always'], ['nginx:latest', 'Always'], ['nginx:1.27', 'IfNotPresent'], ['registry:5000/nginx', 'Always'],
    ['registry:5000/nginx:1.0', 'IfNotPresent'], ['nginx@sha256:abc', 'Always'],
  ])('%s → %s', (image, expected) => {
    expect(pullPolicyOf(c(image))).toBe(expected);
  });
});

describe('decideImagePull', () => {
  const failedAt = { durationMs: 10_000, lastUpdateMs: 1_000 };
  it.each([
    ['IfNotPresent', true, undefined, 'present'],
    ['IfNotPresent', false, undefined, 'pull'],
    ['Always', true, undefined, 'pull'],
    ['Never', true, undefined, 'present'],
    ['Never', false, undefined, 'neverPull'],
    ['IfNotPresent', false, failedAt, 'backOff'],
    ['Always', true, failedAt, 'backOff'],
  ] as const)('%s, present %s, back-off %o → %s', (pullPolicy, present, backoff, expected) => {
    expect(decideImagePull(c('x:1', pullPolicy), present, backoff, 5_000, policy)).toBe(expected);
  });

  it('pulls again once the back-off has passed', () => {
    expect(decideImagePull(c('x:1'), false, failedAt, 11_000, policy)).toBe('pull');
  });
});
