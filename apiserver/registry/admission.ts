/**
 * Admission: the checks and mutations that need more than the object itself (kube-apiserver's
 * admission plugins and REST hooks): namespace lifecycle, allocations, and the subresources that are
 * not plain status writes (scale, binding, ...).
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { ApiRequest, ApiResponse } from '../../lib/api/request.js';
import type { KubeObject } from '../../lib/api/types.js';
import type { Registry } from './registry.js';

export interface AdmittedUpdate {
  object: KubeObject;
  undo(): Promise<void>;
  done(): Promise<void>;
}

export type SubresourceHandler = (req: ApiRequest, info: ResourceInfo, registry: Registry) => Promise<ApiResponse>;

export interface Admission {
  /** Checks and completes a new object before it is stored; throws an ApiError to refuse it. */
  admitCreate(info: ResourceInfo, obj: KubeObject, dryRun: boolean): Promise<KubeObject>;
  /**
   * Completes an update before validation (e.g. a Service's nodePorts when its type changes). `undo`
   * gives back what was newly reserved if the write does not happen; `done` releases what the old
   * object held and the new one no longer does, once the write has happened.
   */
  admitUpdate(info: ResourceInfo, next: KubeObject, old: KubeObject): Promise<AdmittedUpdate>;
  /** Refuses deletions that may never happen (e.g. the `default` namespace). */
  admitDelete(info: ResourceInfo, namespace: string | undefined, name: string): void;
  /** Undoes what admitCreate reserved (allocations) when the object was not stored after all. */
  rollbackCreate(info: ResourceInfo, obj: KubeObject): Promise<void>;
  /** Releases what a removed object held. */
  afterDelete(info: ResourceInfo, obj: KubeObject): Promise<void>;
  /** Handlers keyed "<resource>/<subresource>", e.g. "deployments/scale". */
  subresources: Record<string, SubresourceHandler>;
}
