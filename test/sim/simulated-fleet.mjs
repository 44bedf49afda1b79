// SIMULATION. A fleet of simulated container instances in this process: each one joins as a real agent
// does (a one-use join token from the admin; the cluster CA pinned by its fingerprint; one Join call with
// the registration the real agent builds, registrationRequest from @berth/agent, and a key of its own,
// whose certificate it then presents) and keeps a session over mutual TLS through the REAL agent protocol
// code (AgentSession from @berth/agent), backed by a SimulatedEngine instead of Docker. The machines are
// made up (4 vCPU, 8 GiB by default) and carry the attribute berth.simulated=true.
//
// Each session presents its own certificate, so each has its own TLS connection, as real agents on real
// machines do; the CA is pinned once for the whole fleet (one control plane) rather than once per machine.
import { arch } from 'node:os';
import { BerthClient, silentLogger } from '@berth/api';
import { FLEET_API, parseJoinToken } from '@berth/core';
import { AgentSession, backoffDelay, loadConfig, pinnedCa, registrationRequest, requestJoin } from '@berth/agent';
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
 * Joins `size` simulated instances to `cluster` (which must exist), each with a one-use join token `client`
 * (the admin's) creates, and connects their sessions; `add()` and `remove(instance)` change the fleet later (machines
 * joining and leaving). The server must let them in fast enough: --join-rate and --join-rate-per-source
 * (server-process.mjs's FLEET_JOIN_RATE); a join refused for the rate is retried, as berth-agent does.
 * @returns {Promise<{ instances: Array<{ arn: string, id: string, tls: object, engine: SimulatedEngine, session: AgentSession }>,
 *   engines: SimulatedEngine[], ledger: SimulationLedger, connectedCount(): number,
 *   waitConnected(n?: number, timeoutMs?: number): Promise<number>, statusCounts(): object,
 *   add(): Promise<object>, remove(instance: object): Promise<void>, stop(): Promise<void> }>}
 */
export async function startSimulatedFleet({
  addr,
  client,
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
  // Each machine its own one-use token, as `make up` gives its agent: one token shared by a thousand joins
  // would have them all count their use on one record, each a compare that all but one lose.
  const newToken = async () => (await client.callApi(FLEET_API, 'CreateJoinToken', { cluster, uses: 1, description: 'simulated machine' })).token;
  // A client trusting the CA the first token pins (one control plane: pinned once for the fleet).
  let joining;
  const join = async (req) => {
    const token = await newToken();
    joining ??= pinnedCa(addr, parseJoinToken(token).caHash).then((caPem) => new BerthClient(addr, { tls: { caPem }, deadlineMs: 120_000 }));
    const through = await joining;
    for (let attempt = 0; ; attempt++) {
      try {
        return await requestJoin(through, token, req);
      } catch (e) {
        if (e.ecsName !== 'LimitExceededException' || attempt > 20) throw e;
        await sleep(backoffDelay(attempt, 100, 5_000));
      }
    }
  };
  let hostNumber = 0;
  /** Joins one more simulated instance and builds its session (not started). */
  const register = async () => {
    const facts = { cpus, memoryMiB, arch: arch(), dockerVersion: '0.0.0-simulated', dockerApiVersion: '1.44', hostname: `simulated-${hostNumber++}` };
    const req = registrationRequest(cfg, facts);
    const joined = await join(req);
    const arn = joined.containerInstanceArn;
    const engine = new SimulatedEngine({ instanceArn: arn, ledger, startLatencyMs, startJitter, failureRate, stopLatencyMs });
    const session = new AgentSession({
      servers: [addr],
      tls: joined.credentials,
      hello: { cluster, containerInstanceArn: arn, versionInfo: req.versionInfo },
      engine,
      log,
      ...(initialBackoffMs !== undefined ? { initialBackoffMs } : {}),
      ...(maxBackoffMs !== undefined ? { maxBackoffMs } : {}),
      onFatal: (err) => ledger.anomaly('session-refused', '', arn, err.details || err.message),
    });
    engine.onReport = (r) => session.report(r);
    // Bookkeeping, not behaviour: what each session writes, by kind (ledger.sent), so a scenario can give
    // the agent protocol's messages per placement. The session's own send() still does the writing.
    const send = session.send;
    session.send = function countedSend(m) {
      for (const k in m) ledger.sent[k] = (ledger.sent[k] ?? 0) + 1;
      return send.call(this, m);
    };
    return { arn, id: arn.slice(arn.lastIndexOf('/') + 1), tls: joined.credentials, engine, session };
  };
  const instances = new Array(size);
  await pool([...Array(size).keys()], registerConcurrency, async (i) => {
    instances[i] = await register();
  }).catch(async (e) => {
    (await joining)?.close();
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
    /** A new machine joins (a token of its own), its session started; returns it. */
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
      (await joining)?.close();
      await Promise.all(instances.map(async (x) => {
        await x.session.stop();
        x.engine.close();
      }));
    },
  };
  if (connect) fleet.start();
  return fleet;
}
