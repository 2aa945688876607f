import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { candidateIndexes, isStaleClaim, RangeRegistry } from './range-index.js';

describe('candidateIndexes', () => {
  it('reserves index 0 for the default dir', () => {
    expect(candidateIndexes(true).slice(0, 3)).toEqual([0, 1, 2]);
    expect(candidateIndexes(false)).not.toContain(0);
    expect(candidateIndexes(false)).toHaveLength(63);
  });

  it('tries the previous index first, once', () => {
    const c = candidateIndexes(false, 7);
    expect(c[0]).toBe(7);
    expect(c.filter((i) => i === 7)).toHaveLength(1);
  });
});

describe('isStaleClaim', () => {
  it.each([
    ['our own claim', { owner: '/me', ownerExists: true, ownerIndex: 3 }, true],
    ['owner dir deleted', { owner: '/gone', ownerExists: false }, true],
    ['owner moved to another index', { owner: '/other', ownerExists: true, ownerIndex: 4 }, true],
    ['owner holds it', { owner: '/other', ownerExists: true, ownerIndex: 3 }, false],
    ['owner still starting (no cluster.json yet)', { owner: '/other', ownerExists: true }, false],
  ])('%s → stale: %s', (_, view, stale) => {
    expect(isStaleClaim(3, view, '/me')).toBe(stale);
  });
});

// The registry is a handful of small files: exercised on a temporary directory.
describe('RangeRegistry', () => {
  let root: string;
  let registry: RangeRegistry;
  const cluster = (name: string, index?: number) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    if (index !== undefined) writeFileSync(join(dir, 'cluster.json'), JSON.stringify({ rangeIndex: index }));
    return dir;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kubelab-range-test-'));
    registry = new RangeRegistry(join(root, 'ranges'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('gives two live clusters different indexes', async () => {
    const a = cluster('a');
    const b = cluster('b');
    const [ia, ib] = await Promise.all([registry.claim(a, candidateIndexes(false)), registry.claim(b, candidateIndexes(false))]);
    expect(new Set([ia, ib])).toEqual(new Set([1, 2]));
  });

  it('lets a cluster keep its index across ups', async () => {
    const a = cluster('a');
    expect(await registry.claim(a, candidateIndexes(false))).toBe(1);
    expect(await registry.claim(a, candidateIndexes(false, 1))).toBe(1);
  });

  it('takes over the index of a deleted directory, and gives it back on release', async () => {
    const a = cluster('a', 1);
    expect(await registry.claim(a, candidateIndexes(false))).toBe(1);
    rmSync(a, { recursive: true });
    const b = cluster('b');
    expect(await registry.claim(b, candidateIndexes(false))).toBe(1);
    await registry.release(a, 1); // not a's any more: must not drop b's claim
    expect(readFileSync(join(root, 'ranges', '1'), 'utf8').trim()).toBe(b);
    await registry.release(b, 1);
    expect(await registry.claim(cluster('c'), candidateIndexes(false))).toBe(1);
  });
});
