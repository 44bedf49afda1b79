// Berth installed as docs/install.md tells a user to, on machines the test makes (machine-root.ts: an overlay
// in a mount namespace of its own, never the real /etc): `make dist`'s packages; the control plane from the
// berth-server and berth-cli packages, run by its unit's ExecStart (systemd-unit.ts: CI has no systemd);
// then machines installed by `curl .../install.sh | sh -s -- --token-file FILE` from that control plane:
// this machine's architecture, and the Raspberry Pi proof: Debian 12 roots for arm64 and armhf
// (test/arm/rootfs.sh, cached) whose agent runs under QEMU on the distribution's Node 18, registers with its
// architecture, and runs a task on this machine's dockerd through its socket.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, IMAGE, removeContainersWithLabel, until } from './e2e-helpers.js';
import { machineRoot, type MachineRoot } from './machine-root.js';
import { startUnit } from './systemd-unit.js';
import type { ChildProcess } from 'node:child_process';
import type { Test } from 'tap';

// Building the packages, and each root's first debootstrap, take minutes (docs/install.md says how many).
t.setTimeout(40 * 60_000);
const VERSION = JSON.parse(readFileSync(`${REPO_ROOT}packages/agent/package.json`, 'utf8')).version as string;
const HOST_ARCH = execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();
const cluster = `install-${process.pid}`;
const dist = mkdtempSync(join(tmpdir(), 'berth-dist-'));
const running: ChildProcess[] = [];
const machines: MachineRoot[] = [];
t.teardown(async () => {
  for (const p of running) p.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  for (const m of machines) await m.close();
  rmSync(dist, { recursive: true, force: true });
});

execFileSync('bash', [`${REPO_ROOT}deploy/packages/build.sh`], { env: { ...process.env, DIST_DIR: dist }, stdio: ['ignore', 'ignore', 'inherit'] });
const deb = (name: string, arch: string) => join(dist, `${name}_${VERSION}_${arch}.deb`);
const field = (file: string, name: string) => execFileSync('dpkg-deb', ['-f', file, name], { encoding: 'utf8' }).trim();
const contents = (file: string) => execFileSync('dpkg-deb', ['-c', file], { encoding: 'utf8', maxBuffer: 64 << 20 });

t.test('make dist: every package for its architectures, production code only, with checksums', async (t) => {
  const want = [
    ...['amd64', 'arm64', 'armhf'].map((a) => `berth-agent_${VERSION}_${a}.deb`),
    ...['berth-cli', 'berth-exporter', 'berth-lb', 'berth-server'].flatMap((n) => ['amd64', 'arm64'].map((a) => `${n}_${VERSION}_${a}.deb`)),
  ].sort();
  t.same(readdirSync(dist).filter((f) => f.endsWith('.deb')).sort(), want);
  t.doesNotThrow(() => execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: dist }), 'SHA256SUMS checks');
  t.equal(readFileSync(join(dist, 'SHA256SUMS'), 'utf8').trim().split('\n').length, want.length);

  t.equal(field(deb('berth-agent', 'armhf'), 'Depends'), 'nodejs (>= 18)', 'the agent runs on the distribution\'s Node');
  t.match(field(deb('berth-server', 'arm64'), 'Depends'), /^nodejs \(>= 20\), nodejs \(<< 21\)$/);
  // Checked as lists of paths (a failing match on the whole listing would print megabytes).
  const agent = contents(deb('berth-agent', 'arm64')).split('\n').map((l) => l.replace(/^.* \.\//, '/'));
  t.ok(agent.includes('/usr/bin/berth-agent -> ../lib/berth/agent/node_modules/@berth/agent/bin/berth-agent.js'), 'the bin');
  t.ok(agent.includes('/lib/systemd/system/berth-agent.service'), 'the unit');
  t.ok(agent.includes('/usr/lib/berth/agent/node_modules/protos/berth/v1/agent.proto'), 'the protos where @berth/api loads them');
  // Production dependencies only: none of a devDependency, no tests, declarations or source maps.
  for (const dev of ['@berth/server', '@berth/store', 'better-sqlite3', 'typescript', 'tap', '@types/dockerode']) {
    t.same(agent.filter((p) => p.includes(`/node_modules/${dev}/`)), [], `no ${dev} in berth-agent`);
  }
  t.same(agent.filter((p) => /\/dist\/test\/|\.ts$|\.map$/.test(p)), [], 'no tests, declarations or source maps');

  // better-sqlite3 built for each server's architecture (the arm64 one cross-compiled).
  for (const [arch, machine] of [['amd64', /x86-64/], ['arm64', /ARM aarch64/]] as const) {
    const x = mkdtempSync(join(tmpdir(), 'berth-deb-'));
    execFileSync('dpkg-deb', ['-x', deb('berth-server', arch), x]);
    t.match(execFileSync('file', ['-b', join(x, 'usr/lib/berth/server/node_modules/better-sqlite3/build/Release/better_sqlite3.node')], { encoding: 'utf8' }), machine, `better-sqlite3 for ${arch}`);
    t.same(readdirSync(join(x, 'usr/share/berth/install')).sort(), ['install.sh', ...['amd64', 'arm64', 'armhf'].map((a) => `berth-agent_${VERSION}_${a}.deb`)].sort(), 'the server carries the agent packages and install.sh');
    rmSync(x, { recursive: true, force: true });
  }
});

t.test('the units pass systemd-analyze verify where the packages are installed', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'berth-units-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  for (const name of ['berth-agent', 'berth-server', 'berth-exporter', 'berth-lb', 'berth-cli']) execFileSync('dpkg-deb', ['-x', deb(name, HOST_ARCH), root]);
  const units = readdirSync(join(root, 'lib/systemd/system')).sort();
  t.same(units, ['berth-agent.service', 'berth-exporter.service', 'berth-lb.service', 'berth-server.service']);
  // The targets and units they order against (docker.service is absent here, as on a machine without Docker).
  execFileSync('cp', ['-rn', '/lib/systemd/system/.', join(root, 'lib/systemd/system/')]);
  const out = execFileSync('systemd-analyze', ['verify', `--root=${root}`, ...units.map((u) => `/lib/systemd/system/${u}`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  t.equal(out, '', 'no complaint');
});

// The control plane: berth-server and berth-cli installed with dpkg on a copy of this machine. (Every step is a
// subtest, registered before any runs: tap ends the file, and runs the teardown, once its queue is empty.)
let cp: MachineRoot;
let grpcAddr = '';
let awsAddr = '';
t.test('the control plane from its packages, run by its unit', async (t) => {
  cp = await machineRoot('/', dist);
  machines.push(cp);
  const dpkg = await cp.run(['dpkg', '-i', `/mnt/host/berth-server_${VERSION}_${HOST_ARCH}.deb`, `/mnt/host/berth-cli_${VERSION}_${HOST_ARCH}.deb`]);
  t.equal(dpkg.code, 0, `dpkg -i: ${dpkg.stderr}`);
  // An operator's settings: loopback, free ports, short agent timers.
  await cp.run(['sh', '-c', 'cat > /etc/berth/server.env'], {
    input: 'BERTH_SERVER_FLAGS=--listen 127.0.0.1:0 --ecs-listen 127.0.0.1:0 --metrics-listen off --store file:/var/lib/berth/berth.db --bootstrap-config /var/lib/berth/admin-config.yaml --install-dir /usr/share/berth/install --agent-heartbeat 1s --session-ttl 5s\n',
  });
  const server = await startUnit(cp, '/lib/systemd/system/berth-server.service');
  running.push(server.child);
  const serverLog: string[] = [];
  server.child.stdout!.on('data', (d) => serverLog.push(...String(d).split('\n')));
  server.child.stderr!.on('data', (d) => serverLog.push(...String(d).split('\n')));
  const listening = (name: string) => serverLog.map((l) => { try { return JSON.parse(l); } catch { return {}; } }).find((l) => l.msg === 'listening' && l.name === name)?.addr as string | undefined;
  grpcAddr = await until('berth-server listening', async () => listening('grpc'), 120_000).catch((e) => { throw new Error(`${(e as Error).message}\n${serverLog.join('\n')}`); });
  awsAddr = await until('the AWS listener', async () => listening('aws'), 30_000);
  // The server runs as berth, made by its package's postinst.
  t.match((await cp.run(['getent', 'passwd', 'berth'])).stdout, /^berth:x:\d+:\d+::\/var\/lib\/berth:\/usr\/sbin\/nologin$/m);
  t.equal((await cp.run(['stat', '-c', '%U', '/var/lib/berth/berth.db'])).stdout.trim(), 'berth');
  await berth('create', 'cluster', cluster);
});

/** The installed berth CLI, as the admin (root reads berth's bootstrap config). */
const berth = async (...args: string[]) => {
  const r = await cp.run(['berth', '--server', grpcAddr, '--cluster', cluster, ...args], { env: { BERTH_CONFIG: '/var/lib/berth/admin-config.yaml' } });
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

const instances = async () => JSON.parse(await berth('get', 'instances', '-o', 'json')) as { containerInstanceArn: string; agentConnected: boolean; attributes?: { name: string; value?: string }[] }[];

/** install.sh from the control plane on `machine`, the token in a file, then the agent unit's ExecStart. */
async function installAgent(t: Test, machine: MachineRoot): Promise<{ logs: string[]; arn: string; child: ChildProcess }> {
  const token = (JSON.parse(await berth('create', 'join-token', '--uses', '1', '-o', 'json')) as { token: string }).token;
  t.equal((await machine.run(['sh', '-c', 'umask 077; cat > /root/token'], { input: token })).code, 0);
  const before = new Set((await instances()).map((i) => i.containerInstanceArn));
  const install = await machine.run(['sh', '-c', `curl -fsSL http://${awsAddr}/install.sh | sh -s -- --token-file /root/token --cluster ${cluster} --no-start `
    + '--setting BERTH_INTROSPECTION_ADDR=127.0.0.1:0 --setting BERTH_METRICS_ADDR=127.0.0.1:0 --setting BERTH_HOST_PORT_BIND_IP=127.0.0.1 '
    + '--setting ECS_IMAGE_PULL_BEHAVIOR=prefer-cached --setting ECS_RESERVED_MEMORY=0']);
  t.equal(install.code, 0, `install.sh: ${install.stderr}`);
  t.notMatch(install.stderr, new RegExp(token.split('.')[1]!), 'the token\'s secret is never printed');
  t.equal((await machine.run(['stat', '-c', '%a', '/etc/berth/agent.token'])).stdout.trim(), '600');
  const agent = await startUnit(machine, '/lib/systemd/system/berth-agent.service');
  running.push(agent.child);
  const logs: string[] = [];
  agent.child.stdout!.on('data', (d) => logs.push(...String(d).split('\n').filter(Boolean)));
  agent.child.stderr!.on('data', (d) => logs.push(...String(d).split('\n').filter(Boolean)));
  const arn = await until('the machine in berth get instances', async () => (await instances()).find((i) => i.agentConnected && !before.has(i.containerInstanceArn))?.containerInstanceArn, 240_000)
    .catch((e) => { throw new Error(`${(e as Error).message}; the agent said:\n${logs.slice(-20).join('\n')}`); });
  return { logs, arn, child: agent.child };
}

const startedLine = (logs: string[]) => logs.map((l) => { try { return JSON.parse(l); } catch { return {}; } }).find((l) => l.msg === 'berth-agent started') as { node: string; arch: string } | undefined;
const attribute = async (arn: string, name: string) => (await instances()).find((i) => i.containerInstanceArn === arn)?.attributes?.find((a) => a.name === name)?.value;

/** Runs a task of `family` (with `extra` in its definition) and returns it once RUNNING. */
async function runTask(family: string, extra: Record<string, unknown>): Promise<{ taskArn: string; containerInstanceArn: string }> {
  const td = { family, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"] }], ...extra };
  await cp.run(['sh', '-c', `cat > /root/${family}.json`], { input: JSON.stringify(td) });
  await berth('register', 'taskdef', '-f', `/root/${family}.json`);
  const run = JSON.parse(await berth('run', family, '--wait', '-o', 'json')) as { tasks: { taskArn: string; containerInstanceArn: string; lastStatus: string }[] };
  return run.tasks[0]!;
}

t.test(`a ${HOST_ARCH} machine from install.sh; a package upgrade restarts the agent and its task keeps running`, async (t) => {
  const m = await machineRoot('/');
  machines.push(m);
  const agent = await installAgent(t, m);
  const { arn } = agent;
  t.equal(startedLine(agent.logs)?.arch, process.arch);
  const task = await runTask(`install-host-${process.pid}`, { placementConstraints: [{ type: 'memberOf', expression: `attribute:ecs.cpu-architecture == ${await attribute(arn, 'ecs.cpu-architecture')}` }] });
  t.equal(task.containerInstanceArn, arn);
  const container = execFileSync('docker', ['ps', '-q', '--no-trunc', '--filter', `label=com.amazonaws.ecs.task-arn=${task.taskArn}`], { encoding: 'utf8' }).trim();
  t.ok(container, 'its container runs on this machine\'s dockerd');
  // The upgrade, as dpkg runs it (prerm upgrade, unpack, postinst configure). No systemd here: the stop and
  // start its scripts ask systemd for are done by hand, as the unit would run them.
  const pkg = `berth-agent_${VERSION}_${HOST_ARCH}.deb`;
  t.equal((await m.run(['sh', '-c', `curl -fsSo /root/${pkg} http://${awsAddr}/install/${pkg} && dpkg -i /root/${pkg}`])).code, 0, 'dpkg -i over the installed package');
  const startedAt = () => execFileSync('docker', ['inspect', '-f', '{{.State.StartedAt}}', container], { encoding: 'utf8' }).trim();
  const before = startedAt();
  agent.child.kill('SIGTERM');
  await new Promise((r) => (agent.child.exitCode !== null ? r(undefined) : agent.child.once('exit', r)));
  t.match(agent.logs.join('\n'), /containers keep running/);
  await until('the agent away', async () => !(await instances()).find((i) => i.containerInstanceArn === arn)?.agentConnected || undefined, 30_000);
  const again = await startUnit(m, '/lib/systemd/system/berth-agent.service');
  running.push(again.child);
  await until('the upgraded agent back', async () => (await instances()).find((i) => i.containerInstanceArn === arn)?.agentConnected || undefined, 120_000);
  t.equal(startedAt(), before, 'the same container kept running');
  const d = JSON.parse(await berth('describe', 'task', task.taskArn, '-o', 'json')) as { lastStatus: string; desiredStatus: string };
  t.same([d.lastStatus, d.desiredStatus], ['RUNNING', 'RUNNING'], 'the task is adopted, still RUNNING');
});

for (const [arch, ecsArch, nodeArch, elf] of [['arm64', 'arm64', 'arm64', /ARM aarch64/], ['armhf', 'arm', 'arm', /ARM, EABI5/]] as const) {
  t.test(`a Raspberry Pi (${arch}, under QEMU): install.sh, the distribution's Node 18, a task on this machine's Docker`, async (t) => {
    const lower = execFileSync('bash', [`${REPO_ROOT}test/arm/rootfs.sh`, arch], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    const m = await machineRoot(lower);
    machines.push(m);
    const { arn, logs } = await installAgent(t, m);
    const started = startedLine(logs);
    t.equal(started?.arch, nodeArch, 'process.arch as the agent reported it');
    t.match(started?.node, /^v18\./, 'on Debian 12\'s nodejs 18');
    // The Node it ran: the root's own binary, for ARM (its path read in the machine, its bytes in the root).
    const node = (await m.run(['readlink', '-f', '/usr/bin/node'])).stdout.trim();
    t.match(execFileSync('file', ['-b', join(lower, node)], { encoding: 'utf8' }), elf, `${node} is an ${arch} binary`);
    t.equal(await attribute(arn, 'ecs.cpu-architecture'), ecsArch);
    // arm64 is ECS's ARM64; armv7 has no ECS value, so a task reaches it by the attribute.
    const extra = arch === 'arm64'
      ? { runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' } }
      : { placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.cpu-architecture == arm' }] };
    const task = await runTask(`install-${arch}-${process.pid}`, extra);
    t.equal(task.containerInstanceArn, arn, 'placed on the Pi');
    t.ok(execFileSync('docker', ['ps', '-q', '--filter', `label=com.amazonaws.ecs.task-arn=${task.taskArn}`], { encoding: 'utf8' }).trim(), 'its container runs on this machine\'s dockerd');
  });
}
