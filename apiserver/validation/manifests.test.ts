/**
 * The tutorial manifests must validate cleanly once defaulted, as they do against a real cluster;
 * and the updates the tutorial makes to them (a rolling update's image change) must pass too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { findKind } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { errorText } from './field-errors.js';
import { validateCreate, validateUpdate } from './index.js';
import { stored } from './testing/builders.js';
import { withDefaults } from './testing/manifest-defaults.js';

const DIR = '/work/shared/seed/manifests';

function manifests(): [string, KubeObject][] {
  return readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort().flatMap((f) =>
    parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d, i) => [`${f}#${i}`, withDefaults(d.toJS() as KubeObject)] as [string, KubeObject]));
}

describe('tutorial manifests', () => {
  const all = manifests();

  it('are all found', () => expect(all.length).toBeGreaterThanOrEqual(6));

  it.each(all)('%s validates cleanly', (_name, obj) => {
    const info = findKind(obj.apiVersion, obj.kind);
    expect(info).toBeDefined();
    expect(validateCreate(info!, obj).map(errorText)).toEqual([]);
  });

  it.each(all.filter(([, o]) => o.kind === 'Deployment'))('%s accepts a new image on update', (_name, obj) => {
    const old = stored(obj);
    const next = structuredClone(old);
    next.spec.template.spec.containers[0].image = 'nginxdemos/hello:latest';
    expect(validateUpdate(findKind(obj.apiVersion, obj.kind)!, next, old).map(errorText)).toEqual([]);
  });

  it('would reject a manifest that was not defaulted, as a real server validates after defaulting', () => {
    const [, raw] = all.find(([n]) => n.startsWith('multi.yaml'))!;
    const bare = structuredClone(raw);
    delete bare.spec.restartPolicy;
    expect(validateCreate(findKind('v1', 'Pod')!, bare).map(errorText)).toEqual(['spec.restartPolicy: Required value']);
  });
});
