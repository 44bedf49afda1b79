// Control-plane HA end to end: three berth-server processes on a private etcd (leadership is per store),
// two real berth-agent processes and the real dockerd. Every client (agents, BerthClient, the berth CLI)
// lists the servers with the leader first, so killing the leader makes each of them fail over.
//  - the leader is killed with SIGKILL during a rolling deployment: another replica takes over within the
//    lease TTL and the deployment completes;
//  - the next leader is frozen with SIGSTOP past its TTL, another leads and works, then SIGCONT: the
//    frozen one stands down and none of its controller writes reach the store;
//  - SIGTERM of a leader hands over at once (well under the TTL).
// Throughout, the test watches the store's own record: the leader key's puts and deletes (a term begins
// only when no key is held: one leader at a time) and the stamp every controller write puts beside its
// changes with its term (leader/controllers.ts). Every stamp must name the term holding the key at that
// revision: no replica ran the controllers outside its term.
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import type { Service, Task } from '@berth/core';
import { EtcdStore, startPrivateEtcd, type WatchEvent } from '@berth/store';
import { LEADER_KEY, LEADER_WRITE_KEY } from '@berth/server';
import {
  berthCli, IMAGE, REPO_ROOT, connectedInstances, containersWithLabel, removeContainersWithLabel, sleep, spawnAgent, tmp, until,
} from './e2e-helpers.js';

const TTL = 4;
const work = tmp('berth-ha-');
const etcd = await startPrivateEtcd();
const store = await EtcdStore.open([etcd.endpoint]);

// The store's history of leadership and controller writes, from before any server starts.
interface Ev { rev: number; key: string; type: 'put' | 'delete'; value?: string }
const history: Ev[] = [];
const record = (evs: WatchEvent[]) => {
  for (const e of evs) {
    if (e.type === 'put') history.push({ rev: e.kv.modRevision, key: e.kv.key, type: 'put', value: e.kv.value.toString() });
    else history.push({ rev: e.modRevision, key: e.key, type: 'delete' });
  }
};
const from = (await store.revision()) + 1;
const watchErrors: string[] = [];
const watches = [
  await store.watch(LEADER_KEY, { onEvents: record, onError: (e) => watchErrors.push(e.message) }, { fromRevision: from }),
  await store.watch(LEADER_WRITE_KEY, { onEvents: record, onError: (e) => watchErrors.push(e.message) }, { fromRevision: from }),
];

interface Replica { name: string; child: ChildProcess; addr: string; logs: string[]; exited: Promise<number | string> }
function spawnServer(name: string): Promise<Replica> {
  const child = spawn(process.execPath, [
    `${REPO_ROOT}packages/server/bin/berth-server.js`, '--insecure', '--listen', '127.0.0.1:0', '--ecs-listen', 'off', '--metrics-listen', '127.0.0.1:0', '--console-listen', 'off',
    '--store', `etcd://${etcd.endpoint}`, '--secrets-key', join(work.dir, 'secrets.key'), '--replica-id', name,
    '--leader-ttl', `${TTL}s`, '--agent-heartbeat', '500ms', '--session-ttl', '2s',
    '--service-settle-time', '1s', '--service-throttle-base', '500ms', '--service-throttle-max', '2s', '--service-resync', '2s',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const logs: string[] = [];
  const exited = new Promise<number | string>((r) => child.on('exit', (code, signal) => r(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        logs.push(line);
        try {
          const m = JSON.parse(line);
          if (m.msg === 'listening' && m.name === 'grpc') resolve({ name, child, addr: m.addr, logs, exited });
        } catch { /* not JSON */ }
      }
    });
    void exited.then((code) => reject(new Error(`${name} exited (${code}) before listening:\n${logs.join('\n')}`)));
  });
}

// One after another: the first creates the secrets key file the others then share.
const replicas: Replica[] = [];
for (const name of ['r0', 'r1', 'r2']) replicas.push(await spawnServer(name));
const cluster = `ha-e2e-${process.pid}`;
const agents: ReturnType<typeof spawnAgent>[] = [];
let client: BerthClient | undefined;
t.teardown(async () => {
  for (const a of agents) a.child.kill('SIGKILL');
  for (const r of replicas) {
    r.child.kill('SIGCONT');
    r.child.kill('SIGKILL');
  }
  await Promise.all([...replicas.map((r) => r.exited), ...agents.map((a) => a.exited)]);
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  client?.close();
  await Promise.all(watches.map((w) => w.cancel()));
  await store.close();
  await etcd.stop();
  work.cleanup();
});

const holder = async (): Promise<string | undefined> => {
  const kv = await store.get(LEADER_KEY);
  return kv ? (JSON.parse(kv.value.toString()) as { holder: string }).holder : undefined;
};
const byName = (n: string) => replicas.find((r) => r.name === n)!;
/** The live servers, the one named first: every client tries it first. */
const serverList = (first: string) => [byName(first), ...replicas.filter((r) => r.name !== first)].map((r) => r.addr).join(',');

const berth = (servers: string, ...args: string[]) => berthCli(servers, cluster)(...args);

const first = await until('a leader', async () => holder());
client = new BerthClient(serverList(first));
await client.call('CreateCluster', { clusterName: cluster });
for (const zone of ['zone-a', 'zone-b']) {
  agents.push(spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: serverList(first), BERTH_AVAILABILITY_ZONE: zone, ECS_RESERVED_MEMORY: '0' }));
}
await until('two agents connected', async () => (await connectedInstances(client!, cluster)).length === 2 || undefined);

const family = `ha-web-${process.pid}`;
const loop = "trap 'exit 0' TERM; while true; do sleep 0.2; done";
const webDef = (version: string) => ({
  family, containerDefinitions: [{ name: 'web', image: IMAGE, memory: 16, cpu: 16, essential: true, command: ['/bin/sh', '-c', loop], environment: [{ name: 'VERSION', value: version }] }],
});
const describe = async (): Promise<Service> => (await client!.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
async function serviceTasks(): Promise<Task[]> {
  const arns = (await client!.call('ListTasks', { cluster, serviceName: 'web' })).taskArns ?? [];
  return arns.length === 0 ? [] : (await client!.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? [];
}
const stableAt = (n: number, revision: number, ms = 90_000) => until(`stable at ${n} on revision ${revision}`, async () => {
  const s = await describe();
  const d = s.deployments ?? [];
  if (!(d.length === 1 && d[0]!.rolloutState === 'COMPLETED' && s.runningCount === n && s.taskDefinition!.endsWith(`:${revision}`))) return undefined;
  const running = (await serviceTasks()).filter((x) => x.lastStatus === 'RUNNING');
  return running.length === n && running.every((x) => x.taskDefinitionArn!.endsWith(`:${revision}`)) ? s : undefined;
}, ms, 300);

t.test('the leader is killed (SIGKILL) during a rolling deployment: another takes over, the deployment completes', async (t) => {
  await client!.call('RegisterTaskDefinition', webDef('1'));
  await client!.call('CreateService', {
    cluster, serviceName: 'web', taskDefinition: family, desiredCount: 4,
    deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 },
  });
  await stableAt(4, 1);
  const oldArns = new Set((await serviceTasks()).map((x) => x.taskArn));
  await client!.call('RegisterTaskDefinition', webDef('2'));
  await client!.call('UpdateService', { cluster, service: 'web', taskDefinition: `${family}:2` });
  // In flight: the new revision's first tasks exist, the old ones still run.
  await until('the rolling deployment under way', async () => {
    const ts = await serviceTasks();
    return ts.some((x) => !oldArns.has(x.taskArn)) && ts.filter((x) => oldArns.has(x.taskArn) && x.lastStatus === 'RUNNING').length >= 2 || undefined;
  }, 60_000, 100);
  const leader = (await holder())!;
  t.equal(leader, first, 'the first leader still leads');
  const deadAddr = byName(leader).addr;
  const t0 = Date.now();
  byName(leader).child.kill('SIGKILL');
  await byName(leader).exited;
  replicas.splice(replicas.indexOf(byName(leader)), 1);
  const next = await until('a new leader', async () => { const h = await holder(); return h && h !== leader ? h : undefined; }, 30_000, 50);
  const took = Date.now() - t0;
  t.ok(took <= TTL * 1000 + 2000, `${next} took over after ${took} ms (TTL ${TTL} s)`);

  // The CLI lists the dead server first and fails over to a live one.
  const d = await berth([deadAddr, ...replicas.map((r) => r.addr)].join(','), 'describe', 'service', 'web');
  t.equal(d.code, 0, d.stderr);
  t.match(d.stdout, /web/);
  const s = await stableAt(4, 2);
  t.equal(s.runningCount, 4, 'the deployment completed under the new leader');
  await until('both agents reconnected to a live server', async () => (await connectedInstances(client!, cluster)).length === 2 || undefined, 30_000);
  t.ok(agents.every((a) => a.logs.some((l) => /connected to the control plane/.test(l) && replicas.some((r) => l.includes(r.addr)))), 'each agent failed over to a live replica');
  t.equal(containersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`, false).length, 4, '4 containers running');
});

t.test('the leader frozen (SIGSTOP) past its TTL, then SIGCONT: it stands down and its controller writes are rejected', async (t) => {
  const frozen = byName((await holder())!);
  const frozenTerm = (await store.get(LEADER_KEY))!.modRevision;
  frozen.child.kill('SIGSTOP');
  // A frozen server accepts connections and never answers: clients fail over on UNAVAILABLE only, so the
  // test's own client leaves it out meanwhile (agents notice the missing heartbeats and move on).
  const all = client!;
  client = new BerthClient(replicas.filter((r) => r !== frozen).map((r) => r.addr).join(','));
  const next = await until('another leader', async () => { const h = await holder(); return h && h !== frozen.name ? h : undefined; }, 30_000, 50);
  const newTerm = (await store.get(LEADER_KEY))!.modRevision;
  t.ok(newTerm > frozenTerm, `${next} leads (term ${newTerm}) while ${frozen.name} (term ${frozenTerm}) is frozen`);
  // Work for the new leader (and for the frozen one's timers, which fire on waking): scale up.
  await client!.call('UpdateService', { cluster, service: 'web', desiredCount: 5 });
  await stableAt(5, 2);
  frozen.child.kill('SIGCONT');
  client.close();
  client = all;
  await until(`${frozen.name} stands down`, async () => frozen.logs.some((l) => /no longer leader of the controllers/.test(l)) || undefined, 30_000);
  await sleep(3000);
  // On waking it usually learns from its leader-key watch (buffered while frozen) that its term ended
  // before any read of its controllers returns, and refuses their writes itself; any write it did send
  // carried the old term's fence and was rejected by etcd (leader-fencing.test.ts shows that case).
  const rejected = frozen.logs.filter((l) => /controller write rejected by the leader fence/.test(l)).length;
  const refused = frozen.logs.some((l) => /controller write refused: the leader term is over/.test(l));
  t.comment(`${frozen.name} after waking: ${rejected} write(s) rejected by the store; writes refused locally: ${refused}`);
  const late = history.filter((e) => e.key === LEADER_WRITE_KEY && e.type === 'put' && JSON.parse(e.value!).term === frozenTerm && e.rev > newTerm);
  t.same(late, [], "no controller write of the frozen term reached the store after the next term began");
  t.equal(await holder(), next, 'the new leader still leads');
  await stableAt(5, 2);
});

t.test('SIGTERM hands leadership over at once', async (t) => {
  const leader = byName((await holder())!);
  const t0 = Date.now();
  leader.child.kill('SIGTERM');
  const next = await until('a new leader', async () => { const h = await holder(); return h && h !== leader.name ? h : undefined; }, 30_000, 20);
  const took = Date.now() - t0;
  t.ok(took < (TTL * 1000) / 2, `${next} took over ${took} ms after SIGTERM (TTL ${TTL} s)`);
  t.equal(await leader.exited, 0, 'the old leader exited cleanly');
  replicas.splice(replicas.indexOf(leader), 1);
  await client!.call('UpdateService', { cluster, service: 'web', desiredCount: 3 });
  await stableAt(3, 2);
});

t.test("the store's record: one leader at a time, every controller write inside its own term", async (t) => {
  const evs = [...history].sort((a, b) => a.rev - b.rev);
  let term: { rev: number; holder: string } | undefined;
  const terms: { rev: number; holder: string }[] = [];
  let stamps = 0;
  const bad: string[] = [];
  for (const e of evs) {
    if (e.key === LEADER_KEY) {
      if (e.type === 'put') {
        if (term) bad.push(`term ${e.rev} began while ${term.holder} (term ${term.rev}) held the key`);
        term = { rev: e.rev, holder: (JSON.parse(e.value!) as { holder: string }).holder };
        terms.push(term);
      } else term = undefined;
    } else if (e.key === LEADER_WRITE_KEY && e.type === 'put') {
      stamps++;
      const s = JSON.parse(e.value!) as { term: number; holder: string };
      if (!term || s.term !== term.rev || s.holder !== term.holder) bad.push(`write at ${e.rev} by ${s.holder} (term ${s.term}) while ${term ? `${term.holder} (term ${term.rev})` : 'nobody'} led`);
    }
  }
  t.same(watchErrors, [], 'the history is complete');
  t.same(bad, [], 'no overlap, no write outside its term');
  t.ok(terms.length >= 4, `${terms.length} terms: ${terms.map((x) => `${x.holder}@${x.rev}`).join(', ')}`);
  t.ok(new Set(terms.map((x) => x.holder)).size >= 3, 'three replicas led in turn');
  t.ok(stamps > 10, `${stamps} controller writes, each stamped with its term`);
});
