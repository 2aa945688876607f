/**
 * References for the kubelet's events: the pod itself, or one of its containers (involvedObject with
 * fieldPath `spec.containers{nginx}`, which `kubectl describe` and `get events -o wide` show).
 */
import { objectRef, type ObjectReference } from '../events/event-recorder.js';
import { containerFieldPath, type Pod } from './types.js';

export function podRef(pod: Pod): ObjectReference {
  return objectRef(pod);
}

export function containerRef(pod: Pod, container: string): ObjectReference {
  return { ...objectRef(pod), fieldPath: containerFieldPath(pod, container) };
}
