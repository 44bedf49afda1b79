// SIMULATION. A fleet of simulated container instances in this process: each one is registered with
// the real ECS action (RegisterContainerInstance, with the request the real agent builds:
// registrationRequest from @berth/agent) and keeps a session with the control plane through the REAL
// agent protocol code (AgentSession from @berth/agent), backed by a SimulatedEngine instead of Docker.
// The machines are made up (4 vCPU, 8 GiB by default) and carry the attribute berth.simulated=true.
//
// grpc-js shares one HTTP/2 connection between clients of the same target and options, so the fleet's
// sessions are so many streams on one or a few connections, not one TCP connection each as real
// agents on real machines would have.
import { arch } from 'node:os';
import { BerthClient, silentLogger } from '@berth/api';
import { AgentSession, loadConfig, registrationRequest } from '@berth/agent';
import { SimulatedEngine, SimulationLedger } from './simulated-engine.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs fn over items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Registers `size` simulated instances in `cluster` (which must exist) and connects their sessions;
 * `add()` and `remove(instance)` change the fleet later (machines joining and leaving).
 * @returns {Promise<{ instances: Array<{ arn: string, id: string, engine: SimulatedEngine, session: AgentSession }>,
 *   engines: SimulatedEngine[], ledger: SimulationLedger, connectedCount(): number,
 *   waitConnected(n?: number, timeoutMs?: number): Promise<number>, statusCounts(): object,
 *   add(): Promise<object>, remove(instance: object): Promise<void>, stop(): Promise<void> }>}
 */
export async function startSimulatedFleet({
  addr,
  cluster,
  size,
  startLatencyMs = 100,
  startJitter = 0.5,
  failureRate = 0,
  stopLatencyMs = 20,
  cpus = 4,
  memoryMiB = 8192,
  registerConcurrency = 32,
  connect = true,
  log = silentLogger,
  ledger = new SimulationLedger(),
  initialBackoffMs,
  maxBackoffMs,
}) {
  // Simulated machines: the host facts are invented, not read from this host or a Docker daemon.
  const cfg = loadConfig({
    ECS_CLUSTER: cluster,
    BERTH_SERVER: addr,
    ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent/berth-simulated-fleet.json',
    ECS_INSTANCE_ATTRIBUTES: JSON.stringify({ 'berth.simulated': 'true' }),
    BERTH_INSTANCE_TYPE: 'simulated',
  });
  const client = new BerthClient(addr, { deadlineMs: 120_000 });
  let hostNumber = 0;
  /** Registers one more simulated instance and builds its session (not started). */
  const register = async () => {
    const facts = { cpus, memoryMiB, arch: arch(), dockerVersion: '0.0.0-simulated', dockerApiVersion: '1.44', hostname: `simulated-${hostNumber++}` };
    const req = registrationRequest(cfg, facts);
    const res = await client.call('RegisterContainerInstance', req);
    const arn = res.containerInstance.containerInstanceArn;
    const engine = new SimulatedEngine({ instanceArn: arn, ledger, startLatencyMs, startJitter, failureRate, stopLatencyMs });
    const session = new AgentSession({
      servers: [addr],
      hello: { cluster, containerInstanceArn: arn, versionInfo: req.versionInfo },
      engine,
      log,
      ...(initialBackoffMs !== undefined ? { initialBackoffMs } : {}),
      ...(maxBackoffMs !== undefined ? { maxBackoffMs } : {}),
      onFatal: (err) => ledger.anomaly('session-refused', '', arn, err.details || err.message),
    });
    engine.onReport = (r) => session.report(r);
    return { arn, id: arn.slice(arn.lastIndexOf('/') + 1), engine, session };
  };
  const instances = new Array(size);
  await pool([...Array(size).keys()], registerConcurrency, async (i) => {
    instances[i] = await register();
  }).catch((e) => {
    client.close();
    throw e;
  });
  const fleet = {
    instances,
    get engines() {
      return instances.map((x) => x.engine);
    },
    ledger,
    simulated: true,
    start() {
      for (const x of instances) x.session.start();
    },
    /** A new machine joins: registered, its session started; returns it. */
    async add() {
      const x = await register();
      instances.push(x);
      x.session.start();
      return x;
    },
    /**
     * A machine goes away: its agent stops (the session ends, as on SIGTERM) and the engine with it; the
     * instance stays registered (DeregisterContainerInstance is the caller's to send).
     */
    async remove(x) {
      const i = instances.indexOf(x);
      if (i < 0) return;
      instances.splice(i, 1);
      await x.session.stop();
      x.engine.close();
    },
    connectedCount() {
      let n = 0;
      for (const x of instances) if (x.session.connected) n++;
      return n;
    },
    /** Waits until n (default all) sessions have been welcomed; returns the count reached. */
    async waitConnected(n = size, timeoutMs = 60_000) {
      const end = Date.now() + timeoutMs;
      let c;
      while ((c = fleet.connectedCount()) < n && Date.now() < end) await sleep(20);
      return c;
    },
    /** Simulated task statuses summed over the fleet. */
    statusCounts() {
      const sum = { PENDING: 0, RUNNING: 0, STOPPED: 0, runningAcked: 0 };
      for (const x of instances) {
        const c = x.engine.statusCounts();
        for (const k in sum) sum[k] += c[k];
      }
      return sum;
    },
    async stop() {
      client.close();
      await Promise.all(instances.map(async (x) => {
        await x.session.stop();
        x.engine.close();
      }));
    },
  };
  if (connect) fleet.start();
  return fleet;
}
