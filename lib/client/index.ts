/**
 * The client library's public surface: what components import. Everything a component needs to talk to
 * the apiserver goes through here; lib/client/testing/ holds the in-memory fakes for unit tests.
 *
 *   const nc = await connectNats({ ...(await readCredentials(file)), name: 'scheduler', log });   // lib/nats
 *   const api = new ApiClient({ transport: new NatsTransport(nc, { log }), user: 'scheduler', log });
 *   const pods = new Informer(api, PODS, { indexers: { nodeName: byNodeName }, log });
 */
export { ApiClient, PatchType, unwrapResponse } from './api-client.js';
export type { ApiClientOptions, DeleteOptions, ListOptions, ListResult, PatchOptions, WriteOptions } from './api-client.js';
export { Informer } from './informer.js';
export type { InformerOptions, ListerWatcher, ResourceEventHandler } from './informer.js';
export { LeaderElector } from './leader-election.js';
export type { Lease, LeaderCallbacks, LeaderElectionConfig } from './leader-election.js';
export { decideLease, observeLease, releasedLeaseSpec, validateTiming, formatMicroTime } from './lease-decision.js';
export type { LeaseDecision, LeaseObservation, LeaseSpec } from './lease-decision.js';
export { NatsTransport, toTransportError } from './nats-transport.js';
export * from './resource-refs.js';
export { isNewer, maxResourceVersion } from './resource-version.js';
export { byControllerUid, byNamespace, byNodeName, keyOf, metaNamespaceKey, Store } from './store.js';
export type { IndexFunc, Indexers } from './store.js';
export type { Transport, TransportSubscription } from './transport.js';
export { startWatch, watchError } from './watch.js';
export type { WatchHandler, Watcher, WatchOptions } from './watch.js';
