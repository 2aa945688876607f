/**
 * Whether to pull a container's image before starting it (the image manager's EnsureImageExists, minus
 * the pull itself): by imagePullPolicy, presence on the node, and the pull back-off of that image.
 *
 *   IfNotPresent / Never and present   → present  (event Pulled: `Container image "x" already present on machine`)
 *   Never and absent                   → neverPull (ErrImageNeverPull)
 *   in back-off since the last failure → backOff  (ImagePullBackOff, event BackOff: `Back-off pulling image "x"`)
 *   otherwise                          → pull     (events Pulling, then Pulled or Failed)
 *
 * The policy defaults as the apiserver defaults it: Always for `:latest` or no tag, else IfNotPresent. Pure.
 */
import { isInBackOffSinceUpdate, type BackoffEntry, type BackoffPolicy } from './backoff.js';
import type { Container } from './types.js';

export type PullDecision = 'present' | 'neverPull' | 'backOff' | 'pull';

export function pullPolicyOf(c: Container): 'Always' | 'IfNotPresent' | 'Never' {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const lastPart = c.image.split('/').pop() ?? '';
  const tag = lastPart.includes('@') ? undefined : lastPart.split(':')[1];
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export function decideImagePull(c: Container, present: boolean, backoff: BackoffEntry | undefined, nowMs: number, policy: BackoffPolicy): PullDecision {
  const pullPolicy = pullPolicyOf(c);
  if (pullPolicy !== 'Always' && present) return 'present';
  if (pullPolicy === 'Never') return 'neverPull';
  if (isInBackOffSinceUpdate(backoff, nowMs, policy)) return 'backOff';
  return 'pull';
}
