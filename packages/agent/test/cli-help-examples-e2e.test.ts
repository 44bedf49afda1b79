// Every example every `berth ... --help` shows works (issue 20 §9): each is read from the help text itself,
// as a user sees it, and run in bash from the repository's root with `berth` on PATH, against a real
// control plane and a real agent on Docker, in the order a newcomer would try them (register before run,
// create before delete). Each exits 0; one whose comment says "until Ctrl-C" is stopped after its first
// output, which must have come. $TASK is a running task (one open to exec when there is one), $INSTANCE the
// agent's instance, $SERIAL an exporter's certificate, $REVISION the revision of service hello's
// deployment before its newest: what a user would paste from `berth get` and `berth rollout history`.
import t from 'tap';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BerthClient, formatCliConfig, readCliConfig } from '@berth/api';
import { FLEET_API, certificateSerial, resourceId } from '@berth/core';
import { REPO_ROOT, startTestCluster, until } from './e2e-helpers.js';

/** The commands in the order their examples run; every command with a --help must be here. */
const ORDER = [
  'lint', 'register', 'create', 'apply', 'diff', 'run', 'get', 'describe', 'rollout', 'scale', 'logs', 'exec', 'top',
  'events', 'stop', 'label', 'drain', 'activate', 'put', 'attach', 'detach', 'update', 'revoke', 'deregister', 'delete',
  'completion', 'config get-contexts', 'config set-context', 'config use-context', 'config view',
];

// Some 130 runs of the bin, a few of them waiting on tasks: more than tap's default 300 s on a loaded machine.
t.setTimeout(900_000);
const { work, server, client, cluster } = await startTestCluster('cli-examples', t.teardown, {
  // Statistics every second and a 2 s "AWS minute", so `berth top` has figures within seconds.
  server: { awsMinuteMs: 2000, agents: { heartbeatPeriodMs: 500, sessionTtlSeconds: 2, statisticsWriteIntervalMs: 1000 } },
  agents: [{ ECS_POLLING_METRICS_WAIT_DURATION: '1s', ECS_IMAGE_PULL_BEHAVIOR: 'prefer-cached' }],
});
await client.call('UpdateClusterSettings', { cluster, settings: [{ name: 'containerInsights', value: 'enabled' }] });

// The admin's config, its context addressing the test's cluster; `berth` a command on PATH; a home of its own.
const config = join(work.dir, 'cli-config.yaml');
const admin = readCliConfig(server.configPath!);
writeFileSync(config, formatCliConfig({ ...admin, contexts: admin.contexts.map((c) => ({ ...c, cluster, server: server.addr })) }));
const bin = join(work.dir, 'bin');
const home = join(work.dir, 'home');
mkdirSync(bin);
mkdirSync(home);
writeFileSync(join(bin, 'berth'), `#!/bin/sh\nexec "${process.execPath}" "${REPO_ROOT}packages/cli/bin/berth.js" "$@"\n`);
chmodSync(join(bin, 'berth'), 0o755);
const env: Record<string, string> = { ...process.env as Record<string, string>, PATH: `${bin}:${process.env.PATH}`, HOME: home, BERTH_CONFIG: config };
delete env.BERTH_SERVER;

/** An exporter joins, as berth-exporter does: the serial of its certificate is what `revoke` takes. */
async function exporterSerial(): Promise<string> {
  const { token } = (await client.callApi(FLEET_API, 'CreateJoinToken', { kind: 'exporter', uses: 1 })) as { token: string };
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const joining = new BerthClient(server.addr, { tls: { caPem: server.ca!.certPem } });
  try {
    const { certificate } = (await joining.callApi(FLEET_API, 'Join', { token, publicKey: publicKey.export({ type: 'spki', format: 'pem' }) })) as { certificate: string };
    return certificateSerial(new X509Certificate(certificate).serialNumber);
  } finally {
    joining.close();
  }
}
const SERIAL = await exporterSerial();

type Tap = Parameters<Parameters<typeof t.test>[0]>[0];
interface Run { code: number | null; stdout: string; stderr: string }

/** Runs a command line in bash; `bounded` ones are stopped (SIGINT, as Ctrl-C) once they printed. */
function sh(line: string, vars: Record<string, string>, bounded: boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', line], { cwd: REPO_ROOT, env: { ...env, ...vars }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    const stop = () => { try { process.kill(-child.pid!, 'SIGINT'); } catch { /* already gone */ } };
    const limit = setTimeout(stop, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (bounded) setTimeout(stop, 500);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A command's examples, from its --help: each "# what" line and the command line under it. */
async function examplesOf(path: string): Promise<{ what: string; line: string }[]> {
  const help = await sh(`berth ${path} --help`, {}, false);
  const section = help.stdout.split('\nExamples:\n')[1] ?? '';
  const out: { what: string; line: string }[] = [];
  let what = '';
  for (const l of section.split('\n')) {
    if (l.startsWith('  # ')) what = l.slice(4);
    else if (l.startsWith('  berth ') || (l.startsWith('  ') && l.includes('berth '))) out.push({ what, line: l.slice(2) });
  }
  return out;
}

/** $TASK, $INSTANCE, $SERIAL and $REVISION as they are now. */
async function vars(): Promise<Record<string, string>> {
  const arns = (await client.call('ListTasks', { cluster, desiredStatus: 'RUNNING' })).taskArns ?? [];
  const tasks = arns.length ? (await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? [] : [];
  const running = tasks.filter((x) => x.lastStatus === 'RUNNING');
  const task = running.find((x) => x.enableExecuteCommand) ?? running[0];
  const instance = (await client.call('ListContainerInstances', { cluster })).containerInstanceArns?.[0];
  const hello = (await client.call('ListServices', { cluster })).serviceArns?.some((a) => resourceId(a) === 'hello')
    ? (await client.call('ListServiceDeployments', { cluster, service: 'hello' })).serviceDeployments?.[1] : undefined;
  return { TASK: task ? resourceId(task.taskArn!) : '', INSTANCE: instance ? resourceId(instance) : '', SERIAL, REVISION: hello ? resourceId(hello.targetServiceRevisionArn!) : '' };
}

t.test('every command shows examples, and each one runs', async (t) => {
  /** The commands a --help lists (its Commands: section). */
  const listedIn = async (help: string) => [...((await sh(`berth ${help} --help`, {}, false)).stdout.split('\nCommands:\n')[1] ?? '').matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  const paths = (await listedIn('')).flatMap((c) => c === 'config' ? [] : [c]);
  paths.push(...(await listedIn('config')).map((c) => `config ${c}`));
  t.same([...paths].sort(), [...ORDER].sort(), 'every command has its place in the order');
  for (const path of ORDER) {
    const examples = await examplesOf(path);
    t.ok(examples.length > 0, `berth ${path} --help shows examples`);
    for (const { what, line } of examples) {
      const bounded = what.includes('until Ctrl-C');
      const v = await vars();
      const r = await sh(line, v, bounded);
      const output = { line, TASK: v.TASK, INSTANCE: v.INSTANCE, stdout: r.stdout, stderr: r.stderr };
      if (bounded) t.ok(r.stdout.length > 0 && !/^error|Exception:/m.test(r.stderr), `${line}: its first output came`, output);
      else t.equal(r.code, 0, line, output);
    }
    if (path === 'top') await topFigures(t);
  }
});

/** What `berth top` shows is CloudWatch's figures of the tasks running: memory used of the 32 MiB reserved. */
async function topFigures(t: Tap): Promise<void> {
  type Row = { name: string; detail: string | number; cpu?: number; cpuPercent?: number; memory?: number; memoryPercent?: number };
  const top = async (kind: string) => JSON.parse((await sh(`berth top ${kind} -o json`, {}, false)).stdout) as Row[];
  const tasks = await until('every task\'s figures', async () => {
    const rows = await top('tasks');
    return rows.length > 0 && rows.every((r) => r.cpu !== undefined && r.memory !== undefined) ? rows : undefined;
  }, 60_000, 1000);
  const running = (await client.call('ListTasks', { cluster, desiredStatus: 'RUNNING' })).taskArns?.map(resourceId) ?? [];
  t.same(tasks.map((r) => r.name).sort(), [...running].sort(), 'a row per running task');
  for (const r of tasks) {
    t.ok(r.memory! > 0 && r.memory! < 32, `task ${r.name} uses ${r.memory!.toFixed(2)} MiB of its 32`);
    t.ok(Math.abs(r.memoryPercent! - (r.memory! / 32) * 100) < 0.01, 'its memory percent is of what it reserves');
  }
  const [instance] = await top('instances');
  t.equal(instance?.detail, tasks.length, 'the instance runs them all');
  t.ok(Math.abs((instance?.memory ?? 0) - tasks.reduce((a, r) => a + r.memory!, 0)) < 1, 'its memory is theirs summed');
  const hello = (await top('services')).find((r) => r.name === 'hello');
  t.ok(hello?.memoryPercent !== undefined && hello.memoryPercent > 0, `service hello: ${hello?.memoryPercent}% of its memory (AWS/ECS)`);
}
