/**
 * Starting one container (kuberuntime's startContainer): ensure the image, build the environment and
 * the command, write the shim's spec through the runtime, and record `Created container nginx` and
 * `Started container nginx`. A step that fails leaves the container waiting with the kubelet's reason
 * (ErrImagePull, ImagePullBackOff, CreateContainerConfigError, CreateContainerError, RunContainerError) and a `Failed`
 * event `Error: <reason or message>`; the next sync tries again.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CONFIGMAPS } from '../../lib/client/resource-refs.js';
import { NotFoundError } from '../../lib/errors.js';
import { configMapNames, containerEnv } from '../env/container-env.js';
import { ContainerStartFailedError, type ContainerSpec, type ImageInfo } from '../runtime-port.js';
import { ensureImage } from './image-puller.js';
import { messages, Reasons } from './messages.js';
import type { PodAction } from './pod-actions.js';
import type { PodContext } from './pod-context.js';
import type { PodMemory } from './pod-memory.js';
import { containerRef } from './pod-events.js';
import type { Container, Pod } from './types.js';

type StartAction = Extract<PodAction, { type: 'startContainer' }>;

/** Starts the container; returns its id and environment, or undefined when it could not start (recorded). */
export async function startContainer(ctx: PodContext, pod: Pod, memory: PodMemory, action: StartAction): Promise<{ id: string; env: Record<string, string> } | undefined> {
  const c = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((x) => x.name === action.container)!;
  // The back-off moves on as the restart is decided, whether or not the start then succeeds (doBackOff).
  if (action.backoff) memory.crashBackoff[c.name] = action.backoff;
  const image = await ensureImage(ctx, pod, memory, c);
  if (!image) return undefined;
  const ref = containerRef(pod, c.name);
  const env = await environment(ctx, pod, c, image);
  if (!env.ok) {
    memory.failures[c.name] = { reason: Reasons.CreateContainerConfigError, message: env.error };
    void ctx.recorder.event(ref, 'Warning', Reasons.Failed, messages.error(env.error));
    return undefined;
  }
  let id: string;
  try {
    const spec = containerSpec(ctx, pod, c, action.restartCount, image, env.env);
    const started = await ctx.runtime.startContainer(spec);
    ctx.cache.add(started);
    id = started.id;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Created but not started (StartError): the dead container is a run, restarted under back-off.
    if (err instanceof ContainerStartFailedError && err.container) ctx.cache.add(err.container);
    const reason = err instanceof ContainerStartFailedError ? Reasons.RunContainerError : Reasons.CreateContainerError;
    memory.failures[c.name] = { reason, message };
    void ctx.recorder.event(ref, 'Warning', Reasons.Failed, messages.error(message));
    return undefined;
  }
  delete memory.failures[c.name];
  void ctx.recorder.event(ref, 'Normal', Reasons.Created, messages.created(c.name));
  void ctx.recorder.event(ref, 'Normal', Reasons.Started, messages.started(c.name));
  return { id, env: env.env };
}

/** The container's environment, with the ConfigMaps it names fetched from the API. */
export async function environment(ctx: PodContext, pod: Pod, c: Container, image: ImageInfo): Promise<{ ok: true; env: Record<string, string> } | { ok: false; error: string }> {
  const configMaps: Record<string, { data?: Record<string, string> } | undefined> = {};
  for (const name of configMapNames(c)) {
    try {
      configMaps[name] = (await ctx.api.get(CONFIGMAPS, pod.metadata.namespace, name)) as { data?: Record<string, string> };
    } catch (err) {
      if (!(err instanceof NotFoundError)) return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
  return containerEnv({
    pod, container: c, podIP: ctx.ips.get(pod.metadata.uid!) ?? '', nodeIP: ctx.config.nodeIP,
    imageEnv: image.env, services: ctx.services(), configMaps, allocatable: ctx.config.allocatable,
  });
}

function containerSpec(ctx: PodContext, pod: Pod, c: Container, restartCount: number, image: ImageInfo, env: Record<string, string>): ContainerSpec {
  const resolved = ctx.images.resolveCommand(image, { ...(c.command ? { command: c.command } : {}), ...(c.args ? { args: c.args } : {}) }, env);
  const { name, namespace, uid } = pod.metadata as { name: string; namespace: string; uid: string };
  return {
    id: randomBytes(32).toString('hex'), podUID: uid, podName: name, namespace, containerName: c.name, restartCount,
    image: c.image, program: resolved.program, argv: resolved.argv, env,
    ...(c.workingDir ?? image.workingDir ? { workingDir: c.workingDir ?? image.workingDir } : {}),
    podIP: ctx.ips.get(uid) ?? '', hostname: pod.spec.hostname ?? name,
    tty: c.tty === true, stdin: c.stdin === true, stdinOnce: c.stdinOnce === true,
    logPath: join(ctx.config.rootDir, 'logs', `${namespace}_${name}_${uid}`, c.name, `${restartCount}.log`),
    logMaxBytes: ctx.config.logMaxBytes, logMaxFiles: ctx.config.logMaxFiles,
  };
}
