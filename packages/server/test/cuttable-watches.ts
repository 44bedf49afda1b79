// A store whose watches can be cut and resumed, as a lost connection does (informer tests).
import type { Store, Watch, WatchHandlers } from '@berth/store';

/**
 * A store (the real etcd or file store), with a switch that cuts its watches as a lost connection does; when they are
 * resumed, each starts again from the revision after the last it delivered, as EtcdStore resumes a broken
 * watch, so history compacted meanwhile answers `compacted` from the store itself.
 */
export class CuttableWatches {
  private readonly live = new Set<{ prefix: string; handlers: WatchHandlers; next: number; inner?: Watch }>();
  readonly store: Store;
  constructor(readonly inner: Store) {
    const self = this;
    this.store = Object.assign(Object.create(inner) as Store, {
      async watch(prefix: string, handlers: WatchHandlers, opts: { fromRevision?: number } = {}): Promise<Watch> {
        const w = { prefix, handlers, next: opts.fromRevision ?? (await inner.revision()) + 1 } as { prefix: string; handlers: WatchHandlers; next: number; inner?: Watch };
        self.live.add(w);
        await self.open(w);
        return { cancel: async () => { self.live.delete(w); await w.inner?.cancel(); } } as Watch;
      },
    });
  }
  private async open(w: { prefix: string; handlers: WatchHandlers; next: number; inner?: Watch }): Promise<void> {
    w.inner = await this.inner.watch(w.prefix, {
      onEvents: (events, revision) => {
        for (const e of events) w.next = Math.max(w.next, (e.type === 'put' ? e.kv.modRevision : e.modRevision) + 1);
        w.handlers.onEvents(events, revision);
      },
      onError: (err) => w.handlers.onError(err),
    }, { fromRevision: w.next });
  }
  async cut(): Promise<void> {
    await Promise.all([...this.live].map((w) => w.inner?.cancel()));
  }
  async resume(): Promise<void> {
    for (const w of this.live) {
      try {
        await this.open(w);
      } catch (e) {
        w.handlers.onError(e as Error);
      }
    }
  }
}
