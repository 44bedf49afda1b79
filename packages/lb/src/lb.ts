// berth-lb's loop: read what the group's load balancers want, and bring the local HAProxy there the
// cheapest way. Targets that come, go or start draining are runtime commands on their slots, and new
// weights of a weighted forward a runtime map update (no reload; the files are rewritten with them, so a
// later reload keeps them): targets that arrive first, then the weights, then targets that leave, so
// neither order of a traffic shift leaves a weighted group without its targets (and a pass applies no
// rule with targets that left after it read the rule: desired.ts). Anything else (listeners,
// rules, target groups, their settings, or a backend out of free slots) is a new configuration, checked
// with `haproxy -c`, and a hitless reload. After each pass the targets' health, as HAProxy's checks see
// it, goes to the control plane (ReportTargetHealth): what changed, and everything every 10 s; so do
// HAProxy's counters per target group and its listeners' connections per load balancer
// (ReportLoadBalancerStatistics), from which ELB's metrics are derived.
import { networkInterfaces } from 'node:os';
import type { BerthClient, Logger } from '@berth/api';
import { FLEET_API } from '@berth/core';
import { WEIGHTS_DIR, generateConfig, weightMapCommit, type Backend, type ConfigInput, type SlotTarget } from './haproxy-config.js';
import { fetchDesired } from './desired.js';
import { Haproxy } from './haproxy-process.js';
import { runtimeCommand, runtimeCommands, stats as haproxyStats, type BackendStat, type FrontendStat } from './runtime-api.js';
import { healthOf } from './health.js';
import { planSlots } from './slots.js';

export interface LbOptions {
  client: BerthClient;
  group: string;
  /** Where HAProxy's configuration, files and sockets live (0700). */
  dir: string;
  /** The address listeners bind. */
  bindAddress: string;
  /** How often the control plane is read (ms). */
  pollMs: number;
  /** How often HAProxy's counters go to the control plane for ELB's metrics (ms; default 10 s). */
  statsMs?: number;
  /** Where this machine's listeners answer, as DescribeLoadBalancers lists them (see `servingAddresses`). */
  addresses: string[];
  log: Logger;
  haproxyBin?: string;
  /** The cluster of berth-lb's certificate: where its `instance` targets' container instances are. */
  cluster: string;
}

export interface RunningLb {
  haproxy: Haproxy;
  /** Reloads since start (a target change makes none). */
  readonly reloads: number;
  /** Resolves after the next complete pass (tests wait on it). */
  synced(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The addresses clients reach this machine's listeners on: the bind address when it is one, else the
 * host's addresses beyond loopback and container bridges (docker0, br-*, veth*).
 */
export function servingAddresses(bindAddress: string, interfaces = networkInterfaces()): string[] {
  if (bindAddress !== '0.0.0.0' && bindAddress !== '::') return [bindAddress];
  const out: string[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    if (/^(docker|br-|veth)/.test(name)) continue;
    for (const a of list ?? []) if (!a.internal && (bindAddress === '::' || a.family === 'IPv4')) out.push(a.address);
  }
  return out.slice(0, 16);
}

export async function startLb(opts: LbOptions): Promise<RunningLb> {
  const haproxy = new Haproxy(opts.dir, opts.haproxyBin);
  const slots = new Map<string, (SlotTarget | null)[]>();
  let shape: string | undefined;
  /** The weight maps the running worker holds (file -> content). */
  let weights = new Map<string, string>();
  /** The target groups the running HAProxy serves: the next pass reads their targets before the rules too. */
  let known: string[] = [];
  let reloads = 0;
  let closed = false;
  let waiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  // When each target (backend/slot/address) took its slot, and whether it has been UP since.
  const since = new Map<string, { at: number; up: boolean }>();
  const sent = new Map<string, string>();
  let refreshedAt = 0;

  const statsMs = opts.statsMs ?? 10_000;
  let statsSentAt = 0;

  /** Each load balancer's client connections: its listeners' frontends (`f_LISTENER-ID`) summed. */
  const balancerConnections = (frontends: FrontendStat[], listenerBalancers: Map<string, string>) => {
    const by = new Map<string, { loadBalancerArn: string; connections: number; activeConnections: number }>();
    for (const f of frontends) {
      const arn = listenerBalancers.get(f.frontend.slice('f_'.length));
      if (arn === undefined) continue;
      let b = by.get(arn);
      if (!b) by.set(arn, (b = { loadBalancerArn: arn, connections: 0, activeConnections: 0 }));
      b.connections += f.connections;
      b.activeConnections += f.activeConnections;
    }
    return [...by.values()];
  };

  /**
   * HAProxy's counters per target group, with its targets UP and not, and its listeners' connections per
   * load balancer, to the control plane (ELB's metrics).
   */
  const reportStatistics = async (backends: Map<string, Backend>, counters: BackendStat[], loadBalancers: ReturnType<typeof balancerConnections>, up: (b: Backend, slot: number) => boolean | undefined) => {
    const byName = new Map(counters.map((c) => [c.backend, c]));
    const targetGroups = [];
    for (const b of backends.values()) {
      const c = byName.get(`b_${b.id}`);
      if (!c) continue;
      let healthyTargets = 0;
      let unhealthyTargets = 0;
      b.slots.forEach((_t, i) => {
        const u = up(b, i);
        if (u === true) healthyTargets++;
        else if (u === false) unhealthyTargets++;
      });
      const { backend: _b, ...figures } = c;
      targetGroups.push({ targetGroupArn: b.arn, ...figures, healthyTargets, unhealthyTargets });
    }
    await opts.client.callApi(FLEET_API, 'ReportLoadBalancerStatistics', { group: opts.group, addresses: opts.addresses, collectedAt: Date.now() / 1000, targetGroups, loadBalancers });
  };

  const report = async (backends: Map<string, Backend>, listenerBalancers: Map<string, string>) => {
    const read = await haproxyStats(haproxy.socket);
    const stats = new Map(read.servers.map((s) => [`${s.backend}/${s.server}`, s]));
    const now = Date.now();
    if (now - statsSentAt >= statsMs) {
      statsSentAt = now;
      // A slot holding a target (not draining) counts: UP is healthy, anything else is not.
      await reportStatistics(backends, read.backends, balancerConnections(read.frontends, listenerBalancers), (b, i) => {
        const t = b.slots[i];
        const stat = t && !t.draining ? stats.get(`b_${b.id}/s${i}`) : undefined;
        return stat ? /^UP/.test(stat.status) : undefined;
      });
    }
    const reports = [];
    const live = new Set<string>();
    for (const b of backends.values()) {
      const interval = (b.targetGroup.HealthCheckIntervalSeconds ?? 30) * 1000;
      for (const [i, t] of b.slots.entries()) {
        const stat = t && stats.get(`b_${b.id}/s${i}`);
        if (!t || !stat) continue;
        const key = `${b.id}/${i}/${t.address}:${t.port}`;
        live.add(key);
        const s = since.get(key) ?? { at: now, up: false };
        s.up ||= /^UP/.test(stat.status);
        since.set(key, s);
        const h = healthOf(stat, !s.up && now - s.at < interval * ((b.targetGroup.UnhealthyThresholdCount ?? 2) + 1));
        if (!h) continue;
        const r = { targetGroupArn: b.arn, id: t.id ?? t.address, port: t.port, ...h };
        const text = JSON.stringify(r);
        if (sent.get(key) !== text || now - refreshedAt > 10_000) reports.push(r);
        sent.set(key, text);
      }
    }
    for (const k of [...since.keys()]) if (!live.has(k)) { since.delete(k); sent.delete(k); }
    if (now - refreshedAt > 10_000) refreshedAt = now;
    if (reports.length > 0) await opts.client.callApi(FLEET_API, 'ReportTargetHealth', { reports });
  };

  /** A weight map's entries replaced at once: a new version prepared, filled, then committed. */
  const replaceWeightMap = async (path: string, text: string) => {
    const m = /New version created: (\d+)/.exec(await runtimeCommand(haproxy.socket, `prepare map ${path}`));
    if (!m) throw new Error(`HAProxy did not prepare a new version of ${path}`);
    const answer = (await runtimeCommand(haproxy.socket, weightMapCommit(path, m[1]!, text))).trim();
    if (answer !== '') throw new Error(`HAProxy refused the weights of ${path}: ${answer}`);
  };

  const pass = async () => {
    const desired = await fetchDesired(opts.client, opts.group, opts.cluster, opts.log, known);
    const backends = new Map<string, Backend>();
    const arrive: string[] = [];
    const leave: string[] = [];
    let grow = false;
    for (const [arn, b] of desired.backends) {
      const plan = planSlots(`b_${b.id}`, slots.get(b.id) ?? [], b.targets);
      const { targets: _t, ...rest } = b;
      backends.set(arn, { ...rest, slots: plan.slots });
      arrive.push(...plan.arrive);
      leave.push(...plan.leave);
      grow ||= plan.grow;
    }
    if (desired.held > 0) opts.log.info('targets that left during the pass keep serving until the next one', { targets: desired.held });
    const input: ConfigInput = { dir: opts.dir, bindAddress: opts.bindAddress, listeners: desired.listeners, backends };
    const gen = generateConfig(input);
    // The configuration without its targets: what a reload is needed for.
    const nextShape = generateConfig({ ...input, backends: new Map([...backends].map(([k, b]) => [k, { ...b, slots: b.slots.map(() => null) }])) });
    const isWeights = (f: string) => f.startsWith(WEIGHTS_DIR);
    const shapeKey = nextShape.config + JSON.stringify([...nextShape.files].filter(([f]) => !isWeights(f)));
    const nextWeights = new Map([...gen.files].filter(([f]) => isWeights(f)));
    const reweigh = [...nextWeights].filter(([f, text]) => weights.get(f) !== text);
    const running = haproxy.masterPid() !== undefined;
    if (!running || grow || shapeKey !== shape) {
      await haproxy.write(gen);
      if (running) {
        await haproxy.reload();
        reloads++;
        opts.log.info('haproxy reloaded', { listeners: desired.listeners.length, backends: backends.size });
      } else {
        await haproxy.start();
        opts.log.info('haproxy started', { listeners: desired.listeners.length, backends: backends.size });
      }
      haproxy.prune(gen);
    } else if (arrive.length > 0 || leave.length > 0 || reweigh.length > 0) {
      // Targets that arrive, then the weights, then targets that leave: a group the new weights take up
      // has its targets already, and one they leave is sent no more requests before its targets drain.
      await runtimeCommands(haproxy.socket, arrive);
      for (const [f, text] of reweigh) await replaceWeightMap(`${opts.dir}/${f}`, text);
      await runtimeCommands(haproxy.socket, leave);
      await haproxy.write(gen);
      if (arrive.length + leave.length > 0) opts.log.info('targets changed without a reload', { commands: arrive.length + leave.length });
      if (reweigh.length > 0) opts.log.info('weights changed without a reload', { maps: reweigh.length });
    }
    shape = shapeKey;
    weights = nextWeights;
    known = [...desired.backends.keys()];
    slots.clear();
    for (const b of backends.values()) slots.set(b.id, b.slots);
    await report(backends, desired.listenerBalancers);
  };

  const loop = async () => {
    try {
      await pass();
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    } catch (e) {
      opts.log.warn('berth-lb pass failed; retrying', { error: (e as Error).message });
    }
    if (!closed) timer = setTimeout(() => void loop(), opts.pollMs);
  };
  await loop();
  return {
    haproxy,
    get reloads() { return reloads; },
    synced: () => new Promise<void>((r) => waiters.push(r)).then(() => new Promise<void>((r) => waiters.push(r))),
    async close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
