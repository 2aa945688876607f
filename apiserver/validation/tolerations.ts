/**
 * Tolerations (pods) and taints (nodes), core validation.go ValidateTolerations / validateNodeTaints /
 * validateOnlyAddedTolerations. Quirks kept as Go has them: an invalid value for operator Equal is
 * reported at `operator`, and several label-value messages are joined with ";".
 */
import { isDeepStrictEqual } from 'node:util';
import { type ErrorList, child, duplicate, forbidden, index, invalid, notSupported, required } from './field-errors.js';
import { goStruct, goPointer } from './go-format.js';
import { validateLabelName } from './labels.js';
import { isValidLabelValue } from './names.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaintEffect(effect: string, allowEmpty: boolean, field: string): ErrorList {
  if (!allowEmpty && !effect) return [required(field)];
  return EFFECTS.includes(effect) ? [] : [notSupported(field, effect, EFFECTS)];
}

export function validateTolerations(tolerations: unknown, field: string): ErrorList {
  const errs: ErrorList = [];
  (Array.isArray(tolerations) ? tolerations : []).forEach((t: Record<string, any>, i: number) => {
    const at = index(field, i);
    const tol = t ?? {};
    const k = String(tol.key ?? '');
    const op = String(tol.operator ?? '');
    const value = String(tol.value ?? '');
    const effect = String(tol.effect ?? '');
    if (k) errs.push(...validateLabelName(k, child(at, 'key')));
    if (!k && op !== 'Exists') {
      errs.push(invalid(child(at, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalid(child(at, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(child(at, 'operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(invalid(child(at, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(child(at, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect) errs.push(...validateTaintEffect(effect, true, child(at, 'effect')));
  });
  return errs;
}

/** Existing tolerations may only change their tolerationSeconds; new ones may be appended. */
export function validateOnlyAddedTolerations(next: unknown, old: unknown, field: string): ErrorList {
  const nextList: Record<string, any>[] = Array.isArray(next) ? next : [];
  // Compare as Go structs: a missing string field is "", a missing tolerationSeconds is nil.
  const norm = (t: Record<string, any> | null | undefined, seconds?: unknown) => ({
    key: t?.key ?? '', operator: t?.operator ?? '', value: t?.value ?? '', effect: t?.effect ?? '',
    tolerationSeconds: (seconds === undefined ? t?.tolerationSeconds : seconds) ?? null,
  });
  for (const o of Array.isArray(old) ? old : []) {
    const found = nextList.some((n) => isDeepStrictEqual(norm(o, n?.tolerationSeconds ?? null), norm(n)));
    if (!found) return [forbidden(field, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(nextList, field);
}

function goTaint(t: Record<string, any>) {
  return goStruct('core.Taint', [
    ['Key', String(t.key ?? '')], ['Value', String(t.value ?? '')], ['Effect', String(t.effect ?? '')],
    ['TimeAdded', goPointer('v1.Time', t.timeAdded)],
  ]);
}

export function validateNodeTaints(taints: unknown, field: string): ErrorList {
  const errs: ErrorList = [];
  const seen = new Map<string, Set<string>>();
  (Array.isArray(taints) ? taints : []).forEach((t: Record<string, any>, i: number) => {
    const at = index(field, i);
    const taint = t ?? {};
    const k = String(taint.key ?? '');
    const value = String(taint.value ?? '');
    const effect = String(taint.effect ?? '');
    errs.push(...validateLabelName(k, child(at, 'key')));
    const msgs = isValidLabelValue(value);
    if (msgs.length) errs.push(invalid(child(at, 'value'), value, msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, child(at, 'effect')));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(k)) {
      const dup = duplicate(at, goTaint(taint));
      dup.message += ': taints must be unique by key and effect pair';
      errs.push(dup);
      return;
    }
    keys.add(k);
    seen.set(effect, keys);
  });
  return errs;
}
