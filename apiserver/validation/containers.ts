/**
 * Containers (core validation.go validateContainers / validateInitContainers / validateContainerCommon):
 * a non-empty list; each container named by a unique DNS-1123 label (init containers share the name
 * space), an image, a terminationMessagePolicy and imagePullPolicy (both defaulted), valid ports, env,
 * mounts and resources; probes and hooks for regular and restartable init containers only; no two
 * containers binding the same host port.
 */
import { type ErrorList, child, duplicate, forbidden, index, invalid, notSupported, required } from './field-errors.js';
import { validateEnv, validateEnvFrom } from './env.js';
import { isDNS1123Label } from './names.js';
import { accumulateUniqueHostPorts, validateContainerPorts } from './ports.js';
import { validateContainerProbe, validateLifecycle } from './probes.js';
import { validateResourceRequirements } from './resources.js';
import { validateVolumeMounts } from './volumes.js';

export interface ContainerContext {
  volumes: Set<string>;
  /** spec.terminationGracePeriodSeconds, which bounds sleep hooks. */
  gracePeriod: number | undefined;
}

type Container = Record<string, any>;

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

function validateEnum(value: unknown, allowed: string[], field: string): ErrorList {
  if (!value) return [required(field)];
  return allowed.includes(String(value)) ? [] : [notSupported(field, String(value), allowed)];
}

function validateContainerCommon(c: Container, at: string, ctx: ContainerContext): ErrorList {
  const errs: ErrorList = [];
  const name = String(c.name ?? '');
  if (!name) errs.push(required(child(at, 'name')));
  else errs.push(...isDNS1123Label(name).map((m) => invalid(child(at, 'name'), name, m)));
  if (!c.image) errs.push(required(child(at, 'image')));
  errs.push(...validateEnum(c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES, child(at, 'terminationMessagePolicy')));
  errs.push(...validateContainerPorts(c.ports, child(at, 'ports')));
  errs.push(...validateEnv(c.env, child(at, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(at, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, ctx.volumes, child(at, 'volumeMounts')));
  errs.push(...validateEnum(c.imagePullPolicy, PULL_POLICIES, child(at, 'imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources, child(at, 'resources')));
  return errs;
}

function validateProbesAndHooks(c: Container, at: string, ctx: ContainerContext): ErrorList {
  const errs: ErrorList = [];
  if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, child(at, 'lifecycle')));
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    errs.push(...validateContainerProbe(kind, c[kind], ctx.gracePeriod, child(at, kind)));
  }
  return errs;
}

function asList(v: unknown): Container[] {
  return Array.isArray(v) ? v.map((c) => c ?? {}) : [];
}

export function validateContainers(containers: unknown, field: string, ctx: ContainerContext): ErrorList {
  const list = asList(containers);
  if (list.length === 0) return [required(field)];
  const errs: ErrorList = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const at = index(field, i);
    errs.push(...validateContainerCommon(c, at, ctx));
    const name = String(c.name ?? '');
    if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
    else names.add(name);
    errs.push(...validateProbesAndHooks(c, at, ctx));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(forbidden(child(at, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errs.push(...accumulateUniqueHostPorts(list, field, new Set()));
  return errs;
}

const INIT_ONLY = 'may not be set for init containers without restartPolicy=Always';

export function validateInitContainers(inits: unknown, regular: unknown, field: string, ctx: ContainerContext): ErrorList {
  const errs: ErrorList = [];
  const names = new Set(asList(regular).map((c) => String(c.name ?? '')));
  asList(inits).forEach((c, i) => {
    const at = index(field, i);
    errs.push(...validateContainerCommon(c, at, ctx));
    let restartAlways = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(child(at, 'restartPolicy'), String(c.restartPolicy), ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    const name = String(c.name ?? '');
    if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
    else if (name) names.add(name);
    // Init containers run one at a time, so each is checked for host port clashes on its own.
    errs.push(...accumulateUniqueHostPorts([c], field, new Set()));
    if (restartAlways) errs.push(...validateProbesAndHooks(c, at, ctx));
    else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f]) errs.push(forbidden(child(at, f), INIT_ONLY));
      }
    }
  });
  return errs;
}

/** Checks only made on Pods, not templates: images without surrounding whitespace. */
export function validateContainersOnlyForPod(containers: unknown, field: string): ErrorList {
  const errs: ErrorList = [];
  asList(containers).forEach((c, i) => {
    const image = String(c.image ?? '');
    if (image.length !== image.trim().length) {
      errs.push(invalid(child(index(field, i), 'image'), image, 'must not have leading or trailing whitespace'));
    }
  });
  return errs;
}

/**
 * Pod update: the container list keeps its length (stop=true tells the caller to report nothing
 * else), and each image stays present and trimmed.
 */
export function validateContainerUpdates(next: unknown, old: unknown, field: string): { errs: ErrorList; stop: boolean } {
  const n = asList(next);
  if (n.length !== asList(old).length) return { errs: [forbidden(field, 'pod updates may not add or remove containers')], stop: true };
  const errs: ErrorList = [];
  n.forEach((c, i) => {
    const image = String(c.image ?? '');
    if (!image) errs.push(required(child(index(field, i), 'image')));
    if (image.trim().length !== image.length) errs.push(invalid(child(index(field, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}
