/**
 * Builders and assertions shared by this folder's tests (imported only by *.test.ts files).
 */
import { expect } from 'vitest';
import { ApiError } from '../../lib/errors.js';

type Obj = Record<string, any>;

export function makePod(containers: Obj[], extra: { spec?: Obj; metadata?: Obj; status?: Obj } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hello', namespace: 'default', ...extra.metadata },
    spec: { containers, ...extra.spec },
    ...(extra.status ? { status: extra.status } : {}),
  };
}

export function makeDeployment(containers: Obj[], spec: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'rolling', namespace: 'default', annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'rolling' } },
      template: { metadata: { labels: { app: 'rolling' } }, spec: { containers } },
      ...spec,
    },
  };
}

/** Freezes a value recursively, so that any write by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** True when any object inside `value` is frozen, i.e. shared with a deepFreeze'd input. */
export function containsFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.isFrozen(value) || Object.values(value).some(containsFrozen);
}

/** Runs `fn`, expects an ApiError, and returns it. */
export function apiErrorOf(fn: () => unknown): ApiError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected an ApiError to be thrown').toBeInstanceOf(ApiError);
  return caught as ApiError;
}
