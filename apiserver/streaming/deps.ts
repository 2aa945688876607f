/**
 * What the streaming handlers need, handed in by apiserver/main.ts: the stored pod (through the
 * registry, so a missing pod is the usual 404 Status), the node streaming client, a logger, a clock.
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { Logger } from '../../lib/log.js';
import type { NodeStreamClient } from './node-stream-client.js';

export interface StreamingDeps {
  /** The pod, or a thrown NotFoundError. */
  getPod(namespace: string, name: string): Promise<KubeObject>;
  nodes: NodeStreamClient;
  log: Logger;
  now: () => Date;
}
