// Several machines on this machine (issue 16 §9): network namespaces joined by veth pairs to a bridge that
// lives in a namespace of its own, with addresses that exist only inside them (nothing is added to the
// host's network). The control plane serves TLS in one namespace; two agents, each in its own, use the
// host's dockerd socket. A join token is the only way in: an agent without one never registers; the two
// with one join and run tasks; after `berth deregister instance` one is refused and its stream cut.
import t from 'tap';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority } from '@berth/server';
import { IMAGE, REPO_ROOT, containersWithLabel, removeContainersWithLabel, spawnAgent, tmp, until, type AgentProcess } from './e2e-helpers.js';

const ip = (...args: string[]) => execFileSync('ip', args, { encoding: 'utf8' });
const tag = `bf${process.pid % 100000}`;
const ns = { sw: `${tag}-sw`, cp: `${tag}-cp`, a1: `${tag}-a1`, a2: `${tag}-a2`, a0: `${tag}-a0` };
const subnet = `10.${200 + (process.pid % 50)}.${process.pid % 250}`;
const addr = { cp: `${subnet}.1`, a1: `${subnet}.11`, a2: `${subnet}.12`, a0: `${subnet}.10` };
const serverAddr = `${addr.cp}:7420`;
const cluster = `netns-${process.pid}`;
const work = tmp('berth-netns-');

function cleanupNetwork(): void {
  // Deleting a namespace deletes its interfaces, the bridge and the veth pairs with it.
  for (const n of Object.values(ns)) {
    try {
      ip('netns', 'del', n);
    } catch {
      /* not there */
    }
  }
}

cleanupNetwork();
ip('netns', 'add', ns.sw);
ip('-n', ns.sw, 'link', 'add', 'br0', 'type', 'bridge');
ip('-n', ns.sw, 'link', 'set', 'br0', 'up');
for (const m of ['cp', 'a1', 'a2', 'a0'] as const) {
  ip('netns', 'add', ns[m]);
  ip('-n', ns[m], 'link', 'set', 'lo', 'up');
  ip('-n', ns.sw, 'link', 'add', `v-${m}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns[m]);
  ip('-n', ns.sw, 'link', 'set', `v-${m}`, 'master', 'br0', 'up');
  ip('-n', ns[m], 'addr', 'add', `${addr[m]}/24`, 'dev', 'eth0');
  ip('-n', ns[m], 'link', 'set', 'eth0', 'up');
}

const children: ChildProcess[] = [];
const agents: AgentProcess[] = [];
t.teardown(async () => {
  for (const a of agents) a.child.kill('SIGKILL');
  for (const c of children) c.kill('SIGKILL');
  await Promise.all([...agents.map((a) => a.exited), ...children.map((c) => new Promise((r) => (c.exitCode !== null ? r(0) : c.once('exit', r))))]);
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  cleanupNetwork();
  work.cleanup();
});

// The CA is given (--ca-cert/--ca-key), so the CLI can trust it from a file (BERTH_CA_CERT).
const ca = await createCertificateAuthority();
const caCert = join(work.dir, 'ca.pem');
const caKey = join(work.dir, 'ca.key');
writeFileSync(caCert, ca.certPem);
writeFileSync(caKey, ca.keyPem, { mode: 0o600 });

// The admin's access key and the server's address: written by the server's first start, read by the CLI.
const cliConfig = join(work.dir, 'cli', 'config.yaml');
const serverLogs: string[] = [];
const server = spawn('ip', ['netns', 'exec', ns.cp, process.execPath, `${REPO_ROOT}packages/server/bin/berth-server.js`,
  '--listen', serverAddr, '--advertise', addr.cp, '--ca-cert', caCert, '--ca-key', caKey, '--bootstrap-config', cliConfig,
  '--store', `file:${join(work.dir, 'cp', 'berth.db')}`, '--ecs-listen', 'off', '--agent-heartbeat', '500ms', '--session-ttl', '2s'], { stdio: ['ignore', 'pipe', 'pipe'] });
children.push(server);
server.stdout!.on('data', (d: Buffer) => serverLogs.push(d.toString()));
server.stderr!.on('data', (d: Buffer) => serverLogs.push(d.toString()));

/** The berth CLI inside the control plane's namespace, with the admin's config, trusting the CA; -o json parsed. */
function berth(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const c = spawn('ip', ['netns', 'exec', ns.cp, process.execPath, `${REPO_ROOT}packages/cli/bin/berth.js`, '--server', serverAddr, '--cluster', cluster, ...args],
      { env: { ...process.env, BERTH_CA_CERT: caCert, BERTH_CONFIG: cliConfig } });
    let out = '', err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}
const json = async (...args: string[]) => {
  const r = await berth(...args, '-o', 'json');
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')}: ${r.err}`);
  return JSON.parse(r.out);
};

function agentIn(n: string, env: Record<string, string>): AgentProcess {
  // No task metadata endpoint: the Docker bridge's gateway address does not exist in these namespaces.
  const a = spawnAgent({ BERTH_SERVER: serverAddr, ECS_CLUSTER: cluster, BERTH_TMDS_ADDR: 'off', ...env }, n);
  agents.push(a);
  return a;
}

await until('the control plane in its namespace', async () => (await berth('get', 'clusters')).code === 0, 30_000, 300);

t.test('a token is the only way in; two agents join, run tasks; a deregistered one is refused and its stream cut', async (t) => {
  t.equal((await berth('create', 'cluster', cluster)).code, 0);
  // Without the CA the CLI cannot talk to the control plane at all.
  const plain = await new Promise<number>((r) => spawn('ip', ['netns', 'exec', ns.cp, process.execPath, `${REPO_ROOT}packages/cli/bin/berth.js`, '--server', serverAddr, 'get', 'clusters'], { env: { ...process.env, BERTH_CA_CERT: '', BERTH_CONFIG: join(work.dir, 'no-config.yaml') } }).on('close', (c) => r(c ?? -1)));
  t.not(plain, 0, 'a plaintext client gets nothing');

  const noToken = agentIn(ns.a0, {});
  const created = await json('create', 'join-token', '--uses', '2', '--cluster', cluster, '--ttl', '10m');
  t.match(created.token, /^K10[0-9a-f]{64}::/);
  const listed = await json('get', 'join-tokens');
  t.notMatch(JSON.stringify(listed), created.token.split('.').pop(), 'get join-tokens never shows the secret');

  const a1 = agentIn(ns.a1, { BERTH_JOIN_TOKEN: created.token });
  const tokenFile = join(work.dir, 'token');
  writeFileSync(tokenFile, created.token, { mode: 0o600 });
  agentIn(ns.a2, { BERTH_JOIN_TOKEN_FILE: tokenFile });
  const instances = await until('two agents joined and connected', async () => {
    const list = await json('get', 'instances');
    const up = (list as { agentConnected?: boolean; containerInstanceArn: string }[]).filter((i) => i.agentConnected);
    return up.length === 2 ? up.map((i) => i.containerInstanceArn) : undefined;
  }, 60_000, 500);
  t.equal(instances.length, 2);
  t.ok(noToken.logs.some((l) => /disconnected|not reachable|refused/.test(l)), 'the agent without a token got nowhere');
  t.equal((await json('get', 'instances')).length, 2, 'and registered nothing');

  await json('register', 'taskdef', '-f', writeTaskDef());
  const run = await json('run', `netns-${process.pid}`, '--count', '2', '--constraint', 'distinctInstance');
  t.equal(run.tasks.length, 2);
  await until('both tasks RUNNING', async () => {
    const d = (await json('get', 'tasks')) as { lastStatus: string }[];
    return d.length === 2 && d.every((x) => x.lastStatus === 'RUNNING') ? true : undefined;
  }, 60_000, 500);
  t.equal(containersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`, false).length, 2, 'a container per agent');

  const victim = a1.logs.join('\n').match(/container-instance\/[^/"]+\/([0-9a-f]{32})/)![1]!;
  t.equal((await berth('deregister', 'instance', victim, '--force')).code, 0);
  await until('the deregistered agent refused', async () => a1.logs.some((l) => /revoked|deregistered/.test(l)), 30_000, 300);
  t.ok(a1.logs.some((l) => /deregistered/.test(l)), 'its open stream was cut');
  await until('the certificate refused on reconnect', async () => a1.logs.some((l) => /revoked/.test(l)), 30_000, 300);
  const after = (await json('get', 'instances')) as { agentConnected?: boolean; containerInstanceArn: string }[];
  t.same(after.filter((i) => i.agentConnected).map((i) => i.containerInstanceArn).filter((a) => a.endsWith(victim)), [], 'it stays disconnected');
  t.ok(after.some((i) => i.agentConnected), 'the other agent stays connected');
});

function writeTaskDef(): string {
  const p = join(work.dir, 'td.json');
  writeFileSync(p, JSON.stringify({
    family: `netns-${process.pid}`,
    containerDefinitions: [{ name: 'main', image: IMAGE, memory: 32, essential: true, command: ['sleep', '600'] }],
  }));
  return p;
}
