/**
 * Stopping one container (kuberuntime's killContainer): record `Killing` with the reason's message
 * (`Stopping container nginx`, `Container nginx failed liveness probe, will be restarted`), run the
 * preStop hook within the grace period, then SIGTERM, wait what is left of the grace period (at least
 * 2 s, the kubelet's minimum), SIGKILL. A failed hook is a `FailedPreStopHook` Warning and does not stop
 * the kill. Resolves once the container has exited.
 */
import { runProbe, type ExecRunner } from '../probes/prober.js';
import { messages, Reasons } from './messages.js';
import type { PodAction } from './pod-actions.js';
import type { PodContext } from './pod-context.js';
import { containerRef } from './pod-events.js';
import type { Container, Handler, Pod } from './types.js';

type KillAction = Extract<PodAction, { type: 'killContainer' }>;

const MINIMUM_GRACE_SECONDS = 2;

export async function killContainer(ctx: PodContext, pod: Pod, action: KillAction, exec: ExecRunner): Promise<void> {
  const ref = containerRef(pod, action.container);
  void ctx.recorder.event(ref, 'Normal', Reasons.Killing, action.message);
  const started = ctx.now();
  const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === action.container);
  const preStop = spec?.lifecycle?.preStop;
  if (spec && preStop && action.gracePeriodSeconds > 0) {
    const failure = await runHook(ctx, pod, spec, preStop, exec, action.gracePeriodSeconds * 1000);
    if (failure) void ctx.recorder.event(ref, 'Warning', Reasons.FailedPreStopHook, failure);
  }
  const left = action.gracePeriodSeconds - Math.floor((ctx.now() - started) / 1000);
  await ctx.runtime.stopContainer(action.id, Math.max(left, MINIMUM_GRACE_SECONDS) * 1000);
}

/** Runs a lifecycle hook; returns the FailedPreStopHook message, or undefined when it succeeded. */
async function runHook(ctx: PodContext, pod: Pod, c: Container, hook: Handler, exec: ExecRunner, timeoutMs: number): Promise<string | undefined> {
  if (hook.sleep) {
    await new Promise((r) => setTimeout(r, Math.min(hook.sleep!.seconds * 1000, timeoutMs)));
    return undefined;
  }
  if (hook.exec) {
    const command = hook.exec.command ?? [];
    const r = await exec(command, timeoutMs);
    if (r.exitCode === 0 && !r.timedOut) return undefined;
    const error = r.timedOut ? `command ${JSON.stringify(command.join(' '))} timed out` : `${messages.commandExited(command, r.exitCode)}${r.output}`;
    return messages.execHookFailed(command, c.name, pod, error, r.output);
  }
  if (hook.httpGet) {
    const outcome = await runProbe({ httpGet: hook.httpGet }, { podIP: ctx.ips.get(pod.metadata.uid!) ?? '', container: c, exec }, timeoutMs);
    return outcome.result === 'success' ? undefined : messages.httpHookFailed(hook.httpGet.path ?? '', c.name, pod, outcome.output);
  }
  return undefined;
}
