/**
 * EnsureImageExists for one container start: decides with image-pull.ts, then "pulls" (waits the
 * simulated pull delay and looks the reference up in the image catalogue) and records the events a
 * real kubelet records:
 *
 *   Pulling  `Pulling image "nginx:1.27"`                     Pulled  `Successfully pulled image "nginx:1.27" in 1.2s (1.2s including waiting). Image size: N bytes.`
 *   Pulled   `Container image "nginx:1.27" already present on machine`
 *   Failed   `Failed to pull image "nope": <why>`, then Failed `Error: ErrImagePull`
 *   BackOff  `Back-off pulling image "nope"`, then Failed `Error: ImagePullBackOff`
 *   InspectFailed `Failed to apply default image tag "Bad": couldn't parse image reference "Bad": ...` (InvalidImageName)
 *
 * A failure is remembered as the container's start failure (its waiting reason and message), and the
 * image's pull back-off moves on.
 */
import type { ImageInfo } from '../runtime-port.js';
import { nextBackoff } from './backoff.js';
import { decideImagePull } from './image-pull.js';
import { messages, Reasons } from './messages.js';
import type { PodContext } from './pod-context.js';
import type { PodMemory } from './pod-memory.js';
import { containerRef } from './pod-events.js';
import type { Container, Pod } from './types.js';

/** The image to run, or undefined when the container cannot start now (the failure is recorded). */
export async function ensureImage(ctx: PodContext, pod: Pod, memory: PodMemory, c: Container): Promise<ImageInfo | undefined> {
  const ref = containerRef(pod, c.name);
  const record = (type: 'Normal' | 'Warning', reason: string, message: string) => void ctx.recorder.event(ref, type, reason, message);
  const fail = (reason: string, message: string) => {
    memory.failures[c.name] = { reason, message };
    record('Warning', Reasons.Failed, messages.error(reason));
  };
  const invalid = ctx.images.referenceError(c.image);
  if (invalid) {
    const message = messages.invalidImageName(c.image, invalid);
    record('Warning', Reasons.InspectFailed, message);
    memory.failures[c.name] = { reason: Reasons.InvalidImageName, message };
    record('Warning', Reasons.Failed, messages.error(Reasons.InvalidImageName));
    return undefined;
  }
  const decision = decideImagePull(c, ctx.imageStore.has(c.image), memory.imageBackoff[c.image], ctx.now(), ctx.config.imagePullBackOff);
  switch (decision) {
    case 'present': {
      record('Normal', Reasons.Pulled, messages.alreadyPresent(c.image));
      return ctx.images.resolveImage(c.image);
    }
    case 'neverPull':
      record('Warning', Reasons.ErrImageNeverPull, messages.neverPull(c.image));
      fail(Reasons.ErrImageNeverPull, messages.neverPull(c.image));
      return undefined;
    case 'backOff': {
      record('Normal', Reasons.BackOff, messages.backOffPulling(c.image));
      const last = memory.failures[c.name];
      const lastError = last?.reason === Reasons.ErrImagePull ? last.message : (memory.pullErrors[c.image] ?? '');
      memory.failures[c.name] = { reason: Reasons.ImagePullBackOff, message: messages.backOffPullingWaiting(c.image, Reasons.ErrImagePull, lastError) };
      record('Warning', Reasons.Failed, messages.error(Reasons.ImagePullBackOff));
      return undefined;
    }
    case 'pull':
      return pull(ctx, memory, c, record, fail);
  }
}

async function pull(
  ctx: PodContext, memory: PodMemory, c: Container,
  record: (type: 'Normal' | 'Warning', reason: string, message: string) => void, fail: (reason: string, message: string) => void,
): Promise<ImageInfo | undefined> {
  record('Normal', Reasons.Pulling, messages.pulling(c.image));
  const started = ctx.now();
  if (ctx.config.imagePullDelayMs > 0) await new Promise((r) => setTimeout(r, ctx.config.imagePullDelayMs));
  const info = ctx.images.resolveImage(c.image);
  if (!info) {
    const why = ctx.images.pullErrorMessage(c.image);
    record('Warning', Reasons.Failed, messages.failedToPull(c.image, why));
    memory.imageBackoff[c.image] = nextBackoff(memory.imageBackoff[c.image], ctx.now(), ctx.config.imagePullBackOff);
    memory.pullErrors[c.image] = why;
    fail(Reasons.ErrImagePull, why);
    return undefined;
  }
  ctx.imageStore.add(info);
  const took = ctx.now() - started;
  record('Normal', Reasons.Pulled, messages.pulled(c.image, took, took, info.sizeBytes));
  return info;
}
