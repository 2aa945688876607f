/**
 * Pod updates (core ValidatePodUpdate). A running pod's spec is almost frozen: only container and
 * init-container images, activeDeadlineSeconds (set, or lowered), added tolerations (and changed
 * tolerationSeconds), removed scheduling gates, and terminationGracePeriodSeconds from negative to 1 may
 * change. Anything else yields one Forbidden error on `spec` with the long message users know:
 *
 *   spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,...
 *   <a diff of the old spec against the new one with the allowed changes undone>
 *
 * The first line is word for word v1.32's. The diff that follows is, in Go, go-cmp output of the
 * internal Go struct, which go-cmp deliberately randomises (spaces vs. non-breaking spaces) so nobody
 * can depend on it; kubelab prints a diff in the same spirit, one `-`/`+` pair per changed field.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, forbidden, invalid } from './field-errors.js';
import { validateContainerUpdates } from './containers.js';
import { inclusiveRangeError } from './names.js';
import { validateObjectMetaUpdate } from './object-meta.js';
import { MIRROR_POD_ANNOTATION, validatePodMetadataAndSpec } from './pod.js';
import { semanticEqual } from './semantic-equal.js';
import { validateOnlyAddedTolerations } from './tolerations.js';

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

export const POD_UPDATE_FORBIDDEN_PREFIX = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}`;

type Spec = Record<string, any>;

function validateMirrorAnnotation(next: KubeObject, old: KubeObject): ErrorList {
  const had = old.metadata.annotations?.[MIRROR_POD_ANNOTATION];
  const has = next.metadata.annotations?.[MIRROR_POD_ANNOTATION];
  const field = `metadata.annotations[${MIRROR_POD_ANNOTATION}]`;
  if (had !== undefined && has !== had) return [forbidden(field, 'may not remove or update mirror pod annotation')];
  if (had === undefined && has !== undefined) return [forbidden(field, 'may not add mirror pod annotation')];
  return [];
}

/** Only two updates are allowed: nil to a value, and a value to a smaller one. `stop` ends validation. */
function validateActiveDeadline(next: Spec, old: Spec): { errs: ErrorList; stop: boolean } {
  const n = next.activeDeadlineSeconds;
  const o = old.activeDeadlineSeconds;
  const field = 'spec.activeDeadlineSeconds';
  if (typeof n === 'number') {
    if (n < 0 || n > 2147483647) return { errs: [invalid(field, n, inclusiveRangeError(0, 2147483647))], stop: true };
    if (typeof o === 'number' && o < n) return { errs: [invalid(field, n, 'must be less than or equal to previous value')], stop: true };
  } else if (typeof o === 'number') {
    return { errs: [invalid(field, null, 'must not update from a positive integer to nil value')], stop: false };
  }
  return { errs: [], stop: false };
}

function validateOnlyDeletedSchedulingGates(next: Spec, old: Spec): ErrorList {
  const oldNames = new Set((Array.isArray(old.schedulingGates) ? old.schedulingGates : []).map((g: Spec) => g?.name));
  const errs: ErrorList = [];
  (Array.isArray(next.schedulingGates) ? next.schedulingGates : []).forEach((g: Spec, i: number) => {
    if (!oldNames.has(g?.name)) errs.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g?.name}'`));
  });
  return errs;
}

/** The new spec with every permitted change put back to the old value. */
function mungeSpec(next: Spec, old: Spec): Spec {
  const munged: Spec = structuredClone(next);
  for (const list of ['containers', 'initContainers']) {
    if (Array.isArray(munged[list])) {
      munged[list] = munged[list].map((c: Spec, i: number) => ({ ...c, image: old[list]?.[i]?.image }));
    }
  }
  for (const f of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (old[f] === undefined) delete munged[f];
    else munged[f] = old[f];
  }
  const oldGrace = old.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  return munged;
}

// Go field names where they are not simply the JSON name capitalised.
const GO_NAMES: Record<string, string> = { dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', hostPID: 'HostPID', hostIPC: 'HostIPC', os: 'OS' };

/** A diff in the spirit of go-cmp's: unchanged fields elided, changed ones as a -/+ pair. */
export function specDiff(old: Spec, next: Spec): string {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  const lines = ['  core.PodSpec{'];
  let same = 0;
  for (const k of keys) {
    if (semanticEqual(old[k], next[k], k)) {
      same++;
      continue;
    }
    const name = GO_NAMES[k] ?? k.charAt(0).toUpperCase() + k.slice(1);
    lines.push(`- \t${name}: ${JSON.stringify(old[k] ?? null)},`, `+ \t${name}: ${JSON.stringify(next[k] ?? null)},`);
  }
  if (same) lines.push(`  \t... // ${same} identical fields`);
  lines.push('  }');
  return lines.join('\n') + '\n';
}

export function validatePodUpdate(next: KubeObject, old: KubeObject): ErrorList {
  const nextSpec: Spec = next.spec ?? {};
  const oldSpec: Spec = old.spec ?? {};
  const errs = validateObjectMetaUpdate(next.metadata, old.metadata, 'metadata', { kubeFinalizers: true });
  errs.push(...validatePodMetadataAndSpec(next));
  errs.push(...validateMirrorAnnotation(next, old));
  for (const list of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(nextSpec[list], oldSpec[list], `spec.${list}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const deadline = validateActiveDeadline(nextSpec, oldSpec);
  errs.push(...deadline.errs);
  if (deadline.stop) return errs;
  errs.push(...validateOnlyAddedTolerations(nextSpec.tolerations, oldSpec.tolerations, 'spec.tolerations'));
  errs.push(...validateOnlyDeletedSchedulingGates(nextSpec, oldSpec));
  if (semanticEqual(nextSpec, oldSpec)) return errs;
  const munged = mungeSpec(nextSpec, oldSpec);
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN_PREFIX}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}
