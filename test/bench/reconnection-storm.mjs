// Scenario reconnection-storm: 1,000 SIMULATED agents (test/sim: the real agent session code, a
// simulated runtime) connected, with tasks RUNNING; the control plane restarts (the process ends and a
// new one starts on the same store and the same port) -> time until every agent has a session again,
// as the agents see it (welcome received) and as the server sees it (the dispatcher's session count),
// and until every agent has been sent its full assignment set again. Then the checks: every task still
// RUNNING in the control plane, and no task started twice by the simulated engines, nor dropped from an
// instance's full set. Twice: a graceful restart (close(): agents are told to reconnect) and a crash
// (SIGKILL). File store; the control plane in a child process (startServer, as berth-server).
//   BENCH_STORM_TASKS_PER_AGENT (default 2)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../sim/server-process.mjs';
import { QUICK, describeAllTasks, errorKinds, fmt, record, runTasks, simulatedCluster, sleep } from './lib.mjs';

const AGENTS = QUICK ? 100 : 1000;
const PER_AGENT = Number(process.env.BENCH_STORM_TASKS_PER_AGENT ?? 2);
const TASKS = AGENTS * PER_AGENT;
const WAIT_S = 120;
// Short session leases, so the check that the old server's leases expiring does not disconnect the new
// sessions (after a crash the old leases stay until their TTL runs out) fits in the run.
const SESSION_TTL_S = 5;
const say = (m) => process.stderr.write(`  [storm] ${m}\n`);
// The agents' failed connection attempts (AgentSession logs each with its reason and retry delay): how many
// after the new server listened, and why, say whether the wait was the agents' backoff or the server.
const attempts = [];
const fleetLog = {
  debug() {}, info() {}, error() {},
  warn(msg, f) { if (msg === 'disconnected from the control plane') attempts.push({ at: performance.now(), error: String(f?.error ?? ''), retryInMs: f?.retryInMs ?? 0 }); },
};

const dir = mkdtempSync(join(tmpdir(), 'berth-bench-storm-'));
const store = `file:${join(dir, 'berth.db')}`;
// The restarted server finds its secrets key and its admin's config in the same directory.
let server = await startServerProcess({ store, dir, profileName: 'storm', sessionTtlSeconds: SESSION_TTL_S });
const port = server.port;
const client = server.client({ deadlineMs: 60_000 });
const cluster = `bench-storm-${process.pid}-${Date.now().toString(36)}`;
let fleet;
const rows = [];
const problems = [];
try {
  ({ fleet } = await simulatedCluster({ addr: server.addr, client, cluster, size: AGENTS, startLatencyMs: 100, log: fleetLog }));
  const arns = await runTasks(client, fleet, cluster, TASKS, WAIT_S * 1000);
  say(`${AGENTS} simulated agents, ${arns.length} tasks, ${fleet.statusCounts().runningAcked} RUNNING`);

  for (const how of ['graceful', 'SIGKILL']) {
    const fullBefore = fleet.engines.map((e) => e.fullBatches);
    const anomaliesBefore = fleet.ledger.anomalies.length;
    const t0 = performance.now();
    if (how === 'graceful') await server.close();
    else await server.kill('SIGKILL');
    const downMs = performance.now() - t0;
    server = await startServerProcess({ store, dir, port, profileName: `storm-${how}`, sessionTtlSeconds: SESSION_TTL_S });
    const upMs = performance.now() - t0;
    // Poll both views until each reaches every agent.
    let agentsMs, serverMs, fullMs, sessions = 0;
    const end = performance.now() + WAIT_S * 1000;
    while (performance.now() < end && (agentsMs === undefined || serverMs === undefined || fullMs === undefined)) {
      const now = performance.now() - t0;
      if (agentsMs === undefined && fleet.connectedCount() === AGENTS) agentsMs = now;
      if (fullMs === undefined && fleet.engines.every((e, i) => e.fullBatches > fullBefore[i])) fullMs = now;
      if (serverMs === undefined) {
        sessions = (await server.stats()).sessions;
        if (sessions === AGENTS) serverMs = performance.now() - t0;
      }
      await sleep(25);
    }
    // The control plane's view: every task RUNNING, none missing; the engines': nothing started twice.
    await sleep(500);
    const d = await describeAllTasks(client, cluster, arns);
    const running = d.tasks.filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length;
    const doubles = fleet.ledger.doubleStarts().length;
    const newAnomalies = fleet.ledger.anomalies.slice(anomaliesBefore);
    const starts = fleet.ledger.starts.size;
    // Once any lease of the old server has expired: still every instance agentConnected, every session up.
    await sleep(Math.max(0, t0 + upMs + (SESSION_TTL_S + 2) * 1000 - performance.now()));
    const instanceArns = fleet.instances.map((x) => x.arn);
    let connectedAfterTtl = 0;
    for (let i = 0; i < instanceArns.length; i += 100) {
      const r = await client.call('DescribeContainerInstances', { cluster, containerInstances: instanceArns.slice(i, i + 100) });
      connectedAfterTtl += r.containerInstances.filter((c) => c.agentConnected).length;
    }
    const sessionsAfterTtl = (await server.stats()).sessions;
    const verdict = [
      running === arns.length ? `all ${running} RUNNING` : `**${arns.length - running} of ${arns.length} NOT RUNNING**`,
      d.failures.length ? `**${d.failures.length} MISSING**` : '',
      doubles ? `**${doubles} STARTED TWICE**` : 'none started twice',
      newAnomalies.length ? `**${newAnomalies.length} anomalies: ${[...new Set(newAnomalies.map((a) => a.kind))].join(', ')}**` : '',
      starts !== arns.length ? `**${starts} tasks started for ${arns.length} placed**` : '',
      connectedAfterTtl === AGENTS && sessionsAfterTtl === AGENTS ? `${AGENTS} agentConnected ${SESSION_TTL_S + 2} s later`
        : `**${connectedAfterTtl} agentConnected, ${sessionsAfterTtl} sessions ${SESSION_TTL_S + 2} s later**`,
    ].filter(Boolean).join('; ');
    if (/\*\*/.test(verdict)) problems.push(`${how}: ${verdict}`, ...newAnomalies.slice(0, 10).map((a) => JSON.stringify(a)));
    say(`${how}: down ${fmt(downMs)} ms, listening ${fmt(upMs)} ms, agents ${fmt(agentsMs)} ms, server sessions ${fmt(serverMs)} ms (${sessions}), full sets ${fmt(fullMs)} ms; ${verdict}`);
    const during = attempts.filter((a) => a.at >= t0 && (agentsMs === undefined || a.at <= t0 + agentsMs));
    const late = during.filter((a) => a.at >= t0 + upMs);
    say(`${how}: ${during.length} failed attempts, ${late.length} after the new server listened (${errorKinds(late.map((a) => a.error.slice(0, 120))).slice(0, 4).map(([k, n]) => `${n} × ${k}`).join('; ')}); longest retry delay set while it was down ${fmt(Math.max(0, ...during.filter((a) => a.at < t0 + upMs).map((a) => a.retryInMs)))} ms`);
    const s = (ms) => (ms === undefined ? `not within ${WAIT_S} s` : fmt(ms / 1000, 2));
    rows.push([how === 'graceful' ? 'graceful (close, agents told to reconnect)' : 'crash (SIGKILL)', AGENTS, arns.length,
      fmt(downMs / 1000, 2), fmt(upMs / 1000, 2), `**${s(agentsMs)}**`, s(serverMs), s(fullMs), verdict]);
  }
} finally {
  await fleet?.stop();
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
record('reconnection-storm: SIMULATED agents reconnecting after a control-plane restart',
  ['restart', 'agents', 'tasks', 'old server gone s', 'new server listening s', 'all agents connected s', 'server sessions = agents s', 'full sets resent s', 'tasks after'],
  rows, [
    'Times from the moment the restart began (close or kill of the control-plane process). "All agents connected": every AgentSession welcomed again; "server sessions": the new dispatcher\'s session count (server.dispatcher.size) reached the agent count; "full sets resent": every simulated engine received a new full assignment set.',
    `SIMULATED agents (test/sim): the real AgentSession code (amazon-ecs-agent's backoff: 250 ms growing 1.5 times, plus up to 20%) with a simulated runtime; one process, the sessions sharing grpc-js connections. ${PER_AGENT} tasks per agent on average (RunTask count=10, random placement). File store; control plane in a child process, restarted on the same store and port.`,
    `"Tasks after": DescribeTasks of every task (RUNNING, none MISSING), and the simulated engines' ledger: each task ARN started exactly once, and no RUNNING task left out of a full set. Session lease TTL ${SESSION_TTL_S} s here (default 30 s), and ${SESSION_TTL_S + 2} s after the new server listened every instance must still show agentConnected (DescribeContainerInstances) with as many live sessions: a crashed server's leases must not take the new sessions with them when they expire.`,
    'Target: all 1,000 agents connected again within 10 s of a restart.',
  ]);
if (problems.length) {
  console.error('RECONNECTION STORM PROBLEMS:\n' + problems.join('\n'));
  process.exitCode = 1;
}
