// The rule engine (leader only): follows the event stream (Berth's own events on the default bus, PutEvents'
// events on theirs: state/events.ts) from its cursor, matches each event against the enabled rules of its
// bus (core's event patterns), and runs their targets (invoking/run-ecs-target.ts).
//
// Nothing lost, nothing run twice: the cursor is store data (a new leader resumes at it); an event that
// matched is booked in one transaction with the cursor past it (comparing the cursor read), and RunTask's
// clientToken comes from the rule, the target and the event id, so an event run again after a failover
// between RunTask and its booking answers the tasks of the first run. The cursor moves past events that
// matched nothing at most once a second (evaluating them again after a failover does nothing).
//
// Idle without rules: while no bus has an ENABLED rule with an event pattern, the engine holds no watch of
// the events (every event of every cluster, the largest thing the store ships a server: ~2.5 events and
// 4.6 KB per placement) and moves its cursor to the revision at which it found no such rule at most once
// a minute (so a new leader's backlog starts there): the store's revision moves with every write, other
// tenants' of a shared etcd included, and a cursor written each second would make an idle control plane
// write forever. When it finds a rule, it watches again from its cursor, or from just before the oldest
// such rule was written if that is later: the events written since, the new rule's first ones among
// them, are matched as any event is, against the rules as they are when it is processed, and no rule
// matches events older than itself. It looks for rules once a second.
//
// A rule whose targets make events that match it again would run without end: each rule may invoke its
// targets at most `maxInvocations` times per `windowSeconds`; past that the engine disables the rule and
// says so in a `Berth Invocation` event and the rule's invocation records. Each invocation (tasks started,
// or why not) is a record on the rule (bounded) and a `Berth Invocation` event on the rule's bus.
import { busOfStreamSegment, compileEventPattern, matchesEventPattern, type CompiledPattern } from '@berth/core';
import { CompactedError, type KeyValue, type Op, type Watch } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { EVENTS_ROOT, eventKeyCluster, eventKeyTime, eventText, storedEvents, type EventPosition, type StoredEvent } from '../../state/events.js';
import { invocationEventOp } from '../../invoking/invocation-event.js';
import { anyEventPatternRule, eventRulesOf, putEventRuleOps, type EventRuleRecord } from '../../state/event-rules.js';
import { eventTargetsOf } from '../../state/event-targets.js';
import { ENGINE_CURSOR_KEY, getEngineCursor, getRuleRate, putEngineCursorOp, putRuleRateOp, type RuleRate } from '../../state/rule-engine.js';
import { putInvocationOp, ruleInvocationOwner, trimInvocationOps, type InvocationRecord } from '../../state/invocations.js';
import { after } from '../../events/stream.js';
import type { Versioned } from '../../state/kit.js';
import { runRuleTarget } from '../../invoking/run-rule-target.js';

export interface RuleEngineOptions {
  /** Invocations of one rule per window before it is disabled (default 100). */
  maxInvocations?: number;
  /** The rate window in seconds (default 60). */
  windowSeconds?: number;
  /** Tests: called after a target's RunTask returned, before the invocation is booked. */
  afterRun?: () => Promise<void>;
}

class CursorMovedError extends Error {
  constructor() {
    super('the rule engine cursor moved under this leader: stopping');
  }
}

interface Batch {
  rules: Map<string, { rule: Versioned<EventRuleRecord>; pattern: CompiledPattern }[]>;
}

/** How often an idle engine moves its cursor: a new leader's backlog is at most about this old. */
const IDLE_CURSOR_MS = 60_000;

export class RuleEngine {
  private pos: EventPosition | undefined;
  /** When an idle engine last moved its cursor (ms): at most once per IDLE_CURSOR_MS. */
  private idleMovedAt = 0;
  /** The cursor's revision as last read or written (the compare of the next booking). */
  private cursorRevision = 0;
  /** The position the stored cursor has (it trails `pos` by the events that matched nothing). */
  private storedPos: EventPosition | undefined;
  private watch?: Watch;
  /** Watching the events (some rule has a pattern), or idle. */
  private active = false;
  private stopped = false;
  private queue: Promise<void> = Promise.resolve();
  /** Events delivered and not yet taken by a processing run (they share its one read of the rules). */
  private pending: KeyValue[] = [];
  private flushTimer?: NodeJS.Timeout;
  private readonly maxInvocations: number;
  private readonly windowSeconds: number;

  constructor(private readonly ctx: ServerContext, private readonly opts: RuleEngineOptions = {}) {
    this.maxInvocations = opts.maxInvocations ?? 100;
    this.windowSeconds = opts.windowSeconds ?? 60;
  }

  async start(): Promise<void> {
    const cur = await getEngineCursor(this.ctx.store);
    let rev: number;
    if (cur) {
      this.pos = cur.value;
      this.storedPos = cur.value;
      this.cursorRevision = cur.modRevision;
      rev = await this.backlog();
    } else {
      // First start: rules act on events from now on, not on the history kept.
      rev = (await this.ctx.store.range(ENGINE_CURSOR_KEY, { limit: 1, keysOnly: true })).revision;
      this.pos = { r: rev, k: '' };
      await this.flushCursor();
    }
    await this.activate(rev);
    this.flushTimer = setInterval(() => this.enqueue(() => this.tick()), 1000);
    this.flushTimer.unref();
  }

  /** Whether the engine holds a watch of the events (tests). */
  get watching(): boolean {
    return this.active;
  }

  /** After the backlog up to `rev`: watch the events if some rule has a pattern, else stay idle. */
  private async activate(rev: number): Promise<void> {
    if ((await anyEventPatternRule(this.ctx.store)).found) {
      this.active = true;
      await this.watchFrom(rev + 1);
    }
  }

  /** Once a second: start or stop watching as rules come and go; move the cursor. */
  private async tick(force = false): Promise<void> {
    const { found, revision, since } = await anyEventPatternRule(this.ctx.store);
    if (found && !this.active) {
      // From the cursor (what was written since the engine last moved it), or from the oldest rule's write.
      this.active = true;
      await this.watchFrom(Math.max(this.pos!.r + 1, since));
    } else if (!found && this.active) {
      this.active = false;
      const w = this.watch;
      this.watch = undefined;
      await w?.cancel().catch(() => {});
      // Deliveries taken before the cancel are processed (queued ahead of a later tick); the cursor
      // passes the rest at the next tick.
    } else if (!found && revision > this.cursorRevision && this.pending.length === 0 && revision > this.pos!.r && (force || Date.now() - this.idleMovedAt >= IDLE_CURSOR_MS)) {
      // Idle, and something else was written since the cursor: nothing written up to `revision` can match.
      this.pos = { r: revision, k: '' };
      this.idleMovedAt = Date.now();
    }
    await this.flushCursor();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer) clearInterval(this.flushTimer);
    await this.watch?.cancel().catch(() => {});
    await this.queue;
  }

  /**
   * Resolves when every event handed over so far is processed and the cursor stored past it (tests: the once-a-second
   * cursor write would otherwise land in a window where a test expects no write).
   */
  idle(): Promise<void> {
    // A look for rules too: an idle engine's cursor moves past what was written, as at its next tick.
    this.enqueue(() => this.tick(true));
    return this.queue;
  }

  /** Every kept event after the cursor, in commit order; returns the revision the scan read at. */
  private async backlog(): Promise<number> {
    const kvs: KeyValue[] = [];
    let rev: number | undefined;
    let next: string | undefined;
    for (;;) {
      const page = await this.ctx.store.range(EVENTS_ROOT, { limit: 500, ...(next ? { after: next } : {}) });
      rev ??= page.revision;
      for (const kv of page.kvs) if (kv.createRevision <= rev && after({ r: kv.createRevision, k: kv.key }, this.pos)) kvs.push(kv);
      if (!page.more || page.kvs.length === 0) break;
      next = page.kvs.at(-1)!.key;
    }
    kvs.sort((a, b) => a.createRevision - b.createRevision || (a.key < b.key ? -1 : 1));
    await this.process(kvs);
    return rev;
  }

  private async watchFrom(revision: number): Promise<void> {
    if (this.stopped) return;
    this.watch = await this.ctx.store.watch(EVENTS_ROOT, {
      onEvents: (events) => {
        const puts = events.flatMap((e) => (e.type === 'put' && e.kv.version === 1 ? [e.kv] : [])).sort((a, b) => (a.key < b.key ? -1 : 1));
        if (puts.length === 0) return;
        // Deliveries that arrive while a run is busy join the next run: one read of the rules for them
        // all rather than one per committed revision (each placement commits its own).
        const first = this.pending.length === 0;
        this.pending.push(...puts);
        if (first) {
          this.enqueue(() => {
            const kvs = this.pending;
            this.pending = [];
            return this.process(kvs);
          });
        }
      },
      onError: (err) => this.enqueue(async () => {
        if (!(err instanceof CompactedError)) throw err;
        if (!this.active) return;
        await this.watch?.cancel().catch(() => {});
        await this.watchFrom((await this.backlog()) + 1);
      }),
    }, { fromRevision: revision });
    if (this.stopped) await this.watch.cancel().catch(() => {});
  }

  private enqueue(fn: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.stopped ? undefined : fn())).catch((e) => {
      if (!this.stopped) this.ctx.log.warn('rule engine failed', { error: String((e as Error)?.message ?? e) });
    });
  }

  private async process(kvs: KeyValue[]): Promise<void> {
    const batch: Batch = { rules: new Map() };
    for (const kv of kvs) for (const ev of storedEvents(kv)) {
      if (this.stopped) return;
      const p = ev.position;
      if (!after(p, this.pos)) continue;
      // A store error retries the same event (skipping it would lose it); a cursor moved by another leader ends this run.
      for (;;) {
        try {
          await this.handle(batch, kv.key, ev);
          break;
        } catch (e) {
          if (e instanceof CursorMovedError || this.stopped) {
            this.stopped = true;
            throw e;
          }
          this.ctx.log.warn('rule engine: an event failed; trying again', { event: kv.key, index: p.i, error: String((e as Error)?.message ?? e) });
          batch.rules.clear();
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      this.pos = p;
    }
  }

  private async rulesOf(batch: Batch, bus: string) {
    let rules = batch.rules.get(bus);
    if (!rules) {
      rules = [];
      for (const rule of await eventRulesOf(this.ctx.store, bus)) {
        if (rule.value.state !== 'ENABLED' || rule.value.eventPattern === undefined) continue;
        try {
          rules.push({ rule, pattern: compileEventPattern(rule.value.eventPattern) });
        } catch {
          // PutRule checked it: a pattern that no longer compiles matches nothing.
        }
      }
      batch.rules.set(bus, rules);
    }
    return rules;
  }

  /** One event (of the key `key`): the rules it matches run, and are booked with the cursor past it. */
  private async handle(batch: Batch, key: string, e: StoredEvent): Promise<void> {
    const p = e.position;
    const bus = busOfStreamSegment(eventKeyCluster(key));
    const rules = await this.rulesOf(batch, bus);
    if (rules.length === 0) return;
    const event = JSON.parse(await eventText(this.ctx.store, e)) as Record<string, unknown>;
    const matched = rules.filter((r) => matchesEventPattern(r.pattern, event));
    if (matched.length === 0) return;
    const ops: Op[] = [];
    // A batch's events share its key's time (its first event's): EventBridge's ingestion time of each.
    for (const { rule } of matched) ops.push(...(await this.invokeRule(rule.value, event, eventKeyTime(key), batch)));
    const res = await this.ctx.store.txn({ compare: [{ key: ENGINE_CURSOR_KEY, modRevision: this.cursorRevision }], success: [...ops, putEngineCursorOp(p)] });
    if (!res.succeeded) throw new CursorMovedError();
    this.cursorRevision = res.revision;
    this.storedPos = p;
  }

  /** Runs a matched rule's targets (or stops it at its rate limit); returns the booking's writes. */
  private async invokeRule(rule: EventRuleRecord, event: Record<string, unknown>, ingestedMs: number, batch: Batch): Promise<Op[]> {
    const bus = rule.eventBusName;
    const owner = ruleInvocationOwner(bus, rule.name);
    const now = this.ctx.now();
    const eventId = String(event.id);
    const rate = (await getRuleRate(this.ctx.store, bus, rule.name))?.value;
    const window: RuleRate = rate && now - rate.windowStart < this.windowSeconds ? rate : { windowStart: now, invocations: 0 };
    const ops: Op[] = [];
    const book = (rec: InvocationRecord, id: string) => {
      ops.push(putInvocationOp(owner, ingestedMs, id, rec));
      ops.push(invocationEventOp(this.ctx, bus, rule.arn, { rule: rule.name, eventBusName: bus }, rec, now));
    };
    if (window.invocations >= this.maxInvocations) {
      const reason = `Berth disabled the rule: it invoked its targets more than ${this.maxInvocations} times in ${this.windowSeconds} s, as a rule whose tasks make events that match it again would. Enable it again (EnableRule) once its pattern or targets are fixed.`;
      book({ time: now, eventId, failure: reason }, `${eventId}-stopped`);
      ops.push(...putEventRuleOps({ ...rule, state: 'DISABLED', disabledReason: reason }, rule));
      // The rest of this batch sees it disabled.
      batch.rules.set(bus, (batch.rules.get(bus) ?? []).filter((r) => r.rule.value.name !== rule.name));
      return [...ops, ...(await trimInvocationOps(this.ctx.store, owner))];
    }
    for (const target of await eventTargetsOf(this.ctx.store, bus, rule.name)) {
      const rec = await runRuleTarget(this.ctx, rule, target, event, ingestedMs, now, this.opts.afterRun);
      book(rec, `${eventId}-${target.Id}`);
    }
    ops.push(putRuleRateOp(bus, rule.name, { ...window, invocations: window.invocations + 1 }));
    return [...ops, ...(await trimInvocationOps(this.ctx.store, owner))];
  }

  /** Writes the cursor past the events that matched nothing (at most once a second). */
  private async flushCursor(): Promise<void> {
    if (this.pos === undefined || this.pos === this.storedPos) return;
    const p = this.pos;
    const res = await this.ctx.store.txn({ compare: [{ key: ENGINE_CURSOR_KEY, modRevision: this.cursorRevision }], success: [putEngineCursorOp(p)] });
    if (!res.succeeded) {
      this.stopped = true;
      throw new CursorMovedError();
    }
    this.cursorRevision = res.revision;
    this.storedPos = p;
  }
}

export function startRuleEngine(ctx: ServerContext, opts: RuleEngineOptions = {}): RuleEngine {
  const engine = new RuleEngine(ctx, opts);
  void engine.start().catch((e) => ctx.log.warn('rule engine failed to start', { error: String((e as Error)?.message ?? e) }));
  return engine;
}
