// `make up` as a user meets it (session 9 found by hand that on a fresh home berth-lb failed every pass;
// nothing ran the script before). Runs deploy/up.sh, the script `make up` runs after its install, build and
// dependency steps (which this test leaves out: the test run has built, and `npm ci` must not run under
// other tests), in a fresh temporary home, on free ports (LISTEN, ECS_LISTEN, CONSOLE_LISTEN,
// METRICS_LISTEN, EXPORTER_LISTEN; the agent's listeners on port 0), with BERTH_CREDENTIALS_ENDPOINT=off
// (the machine's address translation belongs to agent/test/task-credentials-e2e). Then what README's
// "Try it" does: the CLI, given nothing but that home, finds the server and its key; `berth get instances`
// shows the local agent connected; hello.json runs, logs and stops; the AWS CLI signs with the same key.
// Ctrl-C (SIGINT to the script's process group, as a terminal sends it) stops every part, and none of
// their log lines is an error or a warning. The test removes what make up leaves by design (the task's
// container, HAProxy) and checks that nothing it started is left.
import t from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, type Run } from './run-cli.js';

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, f: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

const home = mkdtempSync(join(tmpdir(), 'berth-make-up-'));
const state = join(home, '.berth');
const addr = async () => `127.0.0.1:${await freePort()}`;
const ports = { LISTEN: await addr(), ECS_LISTEN: await addr(), CONSOLE_LISTEN: await addr(), METRICS_LISTEN: await addr(), EXPORTER_LISTEN: await addr() };
/** The user's environment without Berth's, the agent's or AWS's settings of this machine: only the home. */
const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BERTH_|ECS_|AWS_)/.test(k))) as Record<string, string>;
const env = {
  ...clean, HOME: home, ...ports,
  BERTH_CREDENTIALS_ENDPOINT: 'off', BERTH_CREDENTIALS_ADDR: '127.0.0.1:0', BERTH_INTROSPECTION_ADDR: '127.0.0.1:0', BERTH_METRICS_ADDR: '127.0.0.1:0',
};

const lines: string[] = [];
const up: ChildProcess = spawn('bash', ['deploy/up.sh'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let exited: Promise<number | null> = new Promise((resolve) => up.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
for (const s of [up.stdout!, up.stderr!]) {
  let rest = '';
  s.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop()!;
    lines.push(...parts.filter((l) => l.trim() !== ''));
  });
}
/** Whether a process of the script's group (the script, server, agent, exporter, berth-lb) still runs. */
const groupAlive = () => {
  try {
    process.kill(-up.pid!, 0);
    return true;
  } catch {
    return false;
  }
};
/** Processes whose working directory or command line is in the temporary home (HAProxy runs from its dir). */
const processesInHome = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
  try {
    const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
    let cwd = '';
    try {
      cwd = readlinkSync(`/proc/${p}/cwd`);
    } catch { /* another user's */ }
    return cmd.includes(home) || cwd.startsWith(home) ? [`${p}: ${cmd.replace(/\0/g, ' ')}`] : [];
  } catch {
    return [];
  }
});
let instanceId = '';
const ourContainers = () => instanceId
  ? spawnSync('docker', ['ps', '-aq', '--filter', `label=com.berth.container-instance=${instanceId}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
  : [];
const haproxyPid = () => {
  try {
    return Number(readFileSync(join(state, 'lb', 'haproxy.pid'), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
};
t.teardown(async () => {
  if (groupAlive()) {
    process.kill(-up.pid!, 'SIGKILL');
    await exited;
  }
  const ids = ourContainers();
  if (ids.length) spawnSync('docker', ['rm', '-f', ...ids]);
  const h = haproxyPid();
  if (h) try { process.kill(h, 'SIGTERM'); } catch { /* gone */ }
  rmSync(home, { recursive: true, force: true });
});

/** The berth bin as a user runs it: from the repository, given only the home (its config names the server). */
const berth = (...args: string[]) => new Promise<Run>((resolve) => {
  const child = spawn(process.execPath, [`${ROOT}packages/cli/bin/berth.js`, ...args], { cwd: ROOT, env: { ...clean, HOME: home } });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
});
const json = async <T>(...args: string[]): Promise<T> => {
  const r = await berth(...args, '-o', 'json');
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};

t.test('the local agent connected, as berth get instances shows it, with the CLI given only the home', async (t) => {
  const connected = await until('the local agent connected', async () => {
    const r = await berth('get', 'instances', '-o', 'json');
    if (r.code !== 0) return false;
    const list = JSON.parse(r.stdout) as { containerInstanceArn: string; agentConnected?: boolean; status?: string }[];
    return list.find((i) => i.agentConnected) ?? false;
  }, 120_000);
  instanceId = connected.containerInstanceArn.split('/').pop()!;
  t.equal(connected.status, 'ACTIVE', 'ACTIVE in cluster default');
  const table = await berth('get', 'instances');
  t.equal(table.code, 0, 'berth get instances (the table)');
  t.match(table.stdout, instanceId, 'the table names it');
  t.equal(statSync(join(state, 'config.yaml')).mode & 0o777, 0o600, 'the config the server wrote is the user\'s alone');
});

t.test('the CLI\'s credentials: signed calls through berth and through the AWS CLI', async (t) => {
  const clusters = await json<{ clusterName: string; status: string }[]>('get', 'clusters');
  t.match(clusters, [{ clusterName: 'default', status: 'ACTIVE' }], 'berth reads with the config\'s key');
  const config = readFileSync(join(state, 'config.yaml'), 'utf8');
  const id = /access-key-id:\s*"?([A-Z0-9]+)"?/.exec(config)?.[1];
  const secret = /secret-access-key:\s*"?([^"\s]+)"?/.exec(config)?.[1];
  t.ok(id && secret, 'the config holds an access key');
  const aws = spawnSync('/usr/bin/aws', ['sts', 'get-caller-identity', '--endpoint-url', `http://${ports.ECS_LISTEN}`, '--output', 'json'], {
    encoding: 'utf8',
    env: { ...clean, HOME: home, AWS_ACCESS_KEY_ID: id!, AWS_SECRET_ACCESS_KEY: secret!, AWS_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
  });
  t.equal(aws.status, 0, `aws sts get-caller-identity${aws.stderr ? `: ${aws.stderr}` : ''}`);
  t.match(JSON.parse(aws.stdout || '{}'), { Account: /^\d{12}$/, Arn: /^arn:aws:(iam|sts)::\d{12}:/ }, 'the AWS listener takes the same key');
});

t.test('README\'s hello task runs, logs and stops', async (t) => {
  t.equal((await berth('register', 'taskdef', '-f', 'examples/taskdefs/hello.json')).code, 0, 'registered');
  const run = await json<{ tasks: { taskArn: string; lastStatus: string }[]; failures: unknown[] }>('run', 'hello', '--wait');
  t.same(run.failures, [], 'placed');
  const task = run.tasks[0]!;
  t.equal(task.lastStatus, 'RUNNING', 'RUNNING once --wait returns');
  const id = task.taskArn.split('/').pop()!;
  const logs = await until('the task\'s log', async () => {
    const r = await berth('logs', id);
    return r.code === 0 && r.stdout.includes('hello from Berth') ? r.stdout : false;
  }, 60_000);
  t.match(logs, 'hello from Berth', 'berth logs shows what it printed');
  t.equal((await berth('stop', 'task', id)).code, 0, 'stop');
  const stopped = await until('the task STOPPED', async () => {
    const d = await json<{ lastStatus: string; containers: { exitCode?: number }[] }>('describe', 'task', id);
    return d.lastStatus === 'STOPPED' ? d : false;
  }, 90_000);
  t.equal(stopped.containers[0]?.exitCode, 0, 'its exit code, 0: it traps TERM');
});

t.test('Ctrl-C stops every part; no error or warning in their logs; nothing left', async (t) => {
  process.kill(-up.pid!, 'SIGINT');
  const code = await Promise.race([exited, sleep(90_000).then(() => 'still running' as const)]);
  t.not(code, 'still running', 'make up ends on Ctrl-C');
  t.notOk(groupAlive(), 'no process of its group is left');
  t.ok(lines.length > 0, `${lines.length} log lines`);
  const bad = lines.filter((l) => {
    try {
      const o = JSON.parse(l) as { level?: string | number };
      if (typeof o === 'object' && o !== null) return typeof o.level === 'number' ? o.level >= 40 : /^(warn|warning|error|fatal)$/i.test(String(o.level ?? ''));
    } catch { /* not JSON */ }
    return /\b(error|warn|warning|fatal)\b/i.test(l);
  });
  t.same(bad, [], 'no error or warning line in the server\'s, agent\'s, exporter\'s or berth-lb\'s log');
  // What make up leaves by design: the task's (exited) container and HAProxy, kept serving for the next run.
  const ids = ourContainers();
  if (ids.length) spawnSync('docker', ['rm', '-f', ...ids]);
  const h = haproxyPid();
  if (h) {
    try { process.kill(h, 'SIGTERM'); } catch { /* gone */ }
    await until('HAProxy gone', async () => processesInHome().length === 0, 20_000).catch(() => undefined);
  }
  t.same(ourContainers(), [], 'no container of the local agent left');
  t.same(processesInHome(), [], 'no process left in the temporary home');
  exited = Promise.resolve(typeof code === 'number' ? code : null);
});
