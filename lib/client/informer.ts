/**
 * Informer: client-go's shared informer pattern, so that no component writes list-and-watch twice.
 *
 *   const pods = new Informer(api, PODS, { indexers: { nodeName: byNodeName }, resyncPeriodMs: 30_000, log });
 *   pods.addEventHandler({ onAdd: enqueue, onUpdate: (_, pod) => enqueue(pod), onDelete: enqueue });
 *   pods.start();
 *   await pods.waitForSync();
 *   pods.store.byIndex('nodeName', 'node-1');
 *
 * The loop (client-go's Reflector): list, replace the cache with the list, watch from the list's
 * resourceVersion, apply each event to the cache and then tell the handlers. The watch (watch.ts) resumes
 * by itself across lost messages, NATS reconnects and apiserver restarts with no lost and no duplicated
 * event; only when it ends (410 Expired, or a refusal) does the informer list again, and it then diffs the
 * new list against the cache to emit exactly the adds, updates and deletes it missed. Failed lists retry
 * with exponential backoff.
 *
 * Guarantees to handlers:
 * - the cache already holds the new state when a handler runs;
 * - a handler that throws is logged and the informer goes on (handlers should only enqueue keys);
 * - every `resyncPeriodMs`, `onUpdate(obj, obj)` for every cached object, so level-based controllers
 *   re-check their world even when nothing changed;
 * - a handler added after start first receives `onAdd` for every object already cached.
 */
import type { KubeObject, WatchEvent } from '../api/types.js';
import { silentLogger, type Logger } from '../log.js';
import type { ListOptions, ListResult } from './api-client.js';
import { backoffDelay, RETRY_INITIAL_MS, RETRY_MAX_MS } from './defaults.js';
import type { ResourceRef } from './resource-refs.js';
import { metaNamespaceKey, Store, type Indexers } from './store.js';
import type { WatchHandler, Watcher, WatchOptions } from './watch.js';

export interface ResourceEventHandler<T> {
  onAdd?(obj: T): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T): void;
}

/** What an informer needs from the API: ApiClient provides it; tests may provide a fake. */
export interface ListerWatcher {
  list<T extends KubeObject>(ref: ResourceRef, opts: ListOptions): Promise<ListResult<T>>;
  watch(ref: ResourceRef, opts: WatchOptions, onEvent: WatchHandler): Watcher;
}

export interface InformerOptions<T> {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Re-deliver every cached object as an update this often; 0 or absent: never. */
  resyncPeriodMs?: number;
  indexers?: Indexers<T>;
  log?: Logger;
  retryInitialMs?: number;
  retryMaxMs?: number;
}

export class Informer<T extends KubeObject = KubeObject> {
  readonly store: Store<T>;
  private readonly handlers = new Set<ResourceEventHandler<T>>();
  private readonly log: Logger;
  private synced = false;
  private stopped = false;
  private started = false;
  private loop?: Promise<void>;
  private watcher?: Watcher;
  private resyncTimer?: NodeJS.Timeout;
  private sleepTimer?: NodeJS.Timeout;
  private wake?: () => void;
  private syncWaiters: ((synced: boolean) => void)[] = [];

  constructor(private readonly client: ListerWatcher, readonly ref: ResourceRef, private readonly opts: InformerOptions<T> = {}) {
    this.store = new Store<T>(opts.indexers);
    this.log = (opts.log ?? silentLogger()).child({ informer: ref.resource });
  }

  /** Registers handlers; returns the function that removes them. */
  addEventHandler(handler: ResourceEventHandler<T>): () => void {
    this.handlers.add(handler);
    if (this.started) for (const obj of this.store.list()) this.call('onAdd', () => handler.onAdd?.(obj));
    return () => this.handlers.delete(handler);
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.loop = this.run();
    const period = this.opts.resyncPeriodMs ?? 0;
    if (period > 0) this.resyncTimer = setInterval(() => this.resync(), period);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.resyncTimer);
    clearTimeout(this.sleepTimer);
    this.wake?.();
    this.watcher?.stop();
    for (const resolve of this.syncWaiters.splice(0)) resolve(false);
    await this.loop;
  }

  /** True once the first list is in the cache. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once synced, or false if the informer is stopped first. */
  waitForSync(): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    const { retryInitialMs = RETRY_INITIAL_MS, retryMaxMs = RETRY_MAX_MS } = this.opts;
    let failures = 0;
    while (!this.stopped) {
      await this.sleep(backoffDelay(failures, retryInitialMs, retryMaxMs));
      if (this.stopped) return;
      let listed: ListResult<T>;
      try {
        listed = await this.client.list<T>(this.ref, this.selection());
      } catch (err) {
        failures++;
        this.log.warn('list failed, retrying', { error: String(err), failures });
        continue;
      }
      if (this.stopped) return;
      failures = 0;
      this.replace(listed.items);
      this.markSynced();
      await this.watchFrom(listed.resourceVersion);
      // The watch only ends when stopped or on an ERROR (410 or a refusal): list again, after a pause
      // if it keeps happening.
      failures++;
    }
  }

  private selection(): ListOptions {
    const { namespace, labelSelector, fieldSelector } = this.opts;
    return { namespace, labelSelector, fieldSelector };
  }

  private watchFrom(resourceVersion: string): Promise<void> {
    this.watcher = this.client.watch(this.ref, { ...this.selection(), resourceVersion }, (event) => {
      if (event.type === 'ERROR') {
        const status = event.object as unknown as { code?: number; message?: string };
        // Not `message`: winston appends a `message` field to the log message, which must stay constant.
        this.log.info('watch ended, listing again', { code: status.code, error: status.message });
        return;
      }
      this.apply(event as WatchEvent<T>);
    });
    return this.watcher.done;
  }

  /** One watch event: update the cache, then tell the handlers. */
  private apply(event: WatchEvent<T>): void {
    const obj = event.object;
    if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      const old = this.store.upsert(obj);
      if (old) this.notifyUpdate(old, obj);
      else this.notifyAdd(obj);
    } else if (event.type === 'DELETED') {
      this.store.remove(metaNamespaceKey(obj));
      this.notifyDelete(obj);
    }
  }

  /**
   * Makes the cache equal to a fresh list and emits what changed: adds for new keys, updates for
   * objects whose resourceVersion moved, deletes (with the last cached state) for keys that are gone.
   */
  private replace(items: T[]): void {
    const listed = new Set<string>();
    for (const obj of items) {
      const key = metaNamespaceKey(obj);
      listed.add(key);
      const old = this.store.get(key);
      if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) continue;
      this.store.upsert(obj);
      if (old) this.notifyUpdate(old, obj);
      else this.notifyAdd(obj);
    }
    for (const key of this.store.keys()) {
      if (listed.has(key)) continue;
      const gone = this.store.remove(key)!;
      this.notifyDelete(gone);
    }
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    this.log.debug('synced', { objects: this.store.size });
    for (const resolve of this.syncWaiters.splice(0)) resolve(true);
  }

  private resync(): void {
    if (!this.synced || this.stopped) return;
    for (const obj of this.store.list()) this.notifyUpdate(obj, obj);
  }

  private notifyAdd(obj: T): void {
    for (const h of this.handlers) this.call('onAdd', () => h.onAdd?.(obj));
  }

  private notifyUpdate(oldObj: T, newObj: T): void {
    for (const h of this.handlers) this.call('onUpdate', () => h.onUpdate?.(oldObj, newObj));
  }

  private notifyDelete(obj: T): void {
    for (const h of this.handlers) this.call('onDelete', () => h.onDelete?.(obj));
  }

  /** Handlers never throw into the informer: one bad handler must not stop the cache. */
  private call(handler: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error('event handler failed', { handler, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    });
  }
}
