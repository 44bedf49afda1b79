// berth logs TASK and berth exec against a real control plane (TLS, signed calls), a real agent and real
// Docker, through the request/stream facility of the agent session: a container's json-file log with
// --tail, --timestamps, --since and -f (bounded: its first new line), stdout and stderr apart; a command's
// output, input and exit code; ECS Exec's refusals (a task without enableExecuteCommand, a caller without
// ecs:ExecuteCommand); the command killed when the client goes away.
import t from 'tap';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { IAM_API } from '@berth/core';
import { auditEntry, type CallRecord } from '@berth/api';
import { IMAGE, REPO_ROOT, berthCli, docker, startTestCluster, until, waitForTask } from './e2e-helpers.js';

// Every call's record, as the audit trail sees it.
const records: CallRecord[] = [];
const { work, server, client, cluster } = await startTestCluster('task-io', (fn) => t.teardown(fn), { server: { observers: [(r) => records.push(r)] } });
const berth = berthCli(server.addr, cluster, server.configPath);

const family = `tio-${process.pid}`;
const file = join(work.dir, 'td.json');
// Three numbered lines on stdout, one on stderr, then a tick a second (what -f sees arrive).
const script = 'for i in 1 2 3; do echo line-$i; done; echo oops >&2; while true; do sleep 1; echo tick; done';
writeFileSync(file, JSON.stringify({ family, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 32, command: ['/bin/sh', '-c', script], logConfiguration: { logDriver: 'json-file' } }] }));
async function runTask(...flags: string[]): Promise<{ arn: string; id: string; container: string }> {
  const run = await berth('run', family, '--wait', '-o', 'json', ...flags);
  if (run.code !== 0) throw new Error(run.stderr);
  const arn = JSON.parse(run.stdout).tasks[0].taskArn as string;
  const container = docker('ps', '-q', '--filter', `label=com.amazonaws.ecs.task-arn=${arn}`).trim();
  return { arn, id: arn.split('/').pop()!, container };
}

let plain: Awaited<ReturnType<typeof runTask>>;
let execable: typeof plain;
t.before(async () => {
  const reg = await berth('register', 'taskdef', '-f', file);
  if (reg.code !== 0) throw new Error(reg.stderr);
  plain = await runTask();
  execable = await runTask('--enable-execute-command');
  await until('the first lines logged', async () => docker('logs', plain.container).includes('line-3') || undefined);
});

t.test('berth logs TASK: the json-file log, stdout and stderr apart', async (t) => {
  const all = await berth('logs', plain.id);
  t.equal(all.code, 0, all.stderr);
  t.match(all.stdout, /^line-1\nline-2\nline-3\n(tick\n)*$/);
  t.equal(all.stderr, 'oops\n', 'stderr on stderr');

  const tail = await berth('logs', plain.arn, '--tail', '1');
  t.equal(tail.stdout.split('\n').filter(Boolean).length + tail.stderr.split('\n').filter(Boolean).length, 1, '--tail 1: one line');

  const stamped = await berth('logs', plain.id, '--timestamps', '--since', '1h');
  t.match(stamped.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z line-1\n/, '--timestamps: Docker\'s time before each line');

  const none = await berth('logs', plain.id, '--since', '0s');
  t.equal(none.stdout.includes('line-1'), false, '--since 0s: nothing from before');

  t.equal((await berth('logs', plain.id, '--tail', 'x')).code, 2, 'a bad --tail is a usage error');
  t.equal((await berth('logs', plain.id, '--group', 'g')).code, 2, 'TASK and --group do not go together');
  const other = await berth('logs', '0123456789abcdef0123456789abcdef');
  t.equal(other.code, 1);
  t.equal(other.stderr, 'InvalidParameterException: The referenced task was not found.\n  field: task\n');
  const wrong = await berth('logs', plain.id, '--container', 'nope');
  t.match(wrong.stderr, /^InvalidParameterException: The task has no container named 'nope' \(it has app\)\.\n  field: container\n$/);
});

t.test('berth logs -f: what the container writes next, as it comes', async (t) => {
  const child = spawn(process.execPath, [`${REPO_ROOT}packages/cli/bin/berth.js`, '--cluster', cluster, 'logs', plain.id, '-f', '--tail', '0'], { env: { ...process.env, BERTH_CONFIG: server.configPath!, BERTH_SERVER: server.addr } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await until('a new tick', async () => out.includes('tick\n') || undefined, 15_000);
  t.notOk(out.includes('line-1'), '--tail 0: nothing old');
  child.kill('SIGINT');
  t.equal(await new Promise((r) => child.on('exit', (code) => r(code))), 0, 'ends cleanly on Ctrl-C');
});

t.test('berth exec: output, input, exit code', async (t) => {
  const r = await berth('exec', execable.id, '--', 'sh', '-c', 'echo out; echo err >&2; exit 3');
  t.equal(r.code, 3, 'the command\'s exit code');
  t.equal(r.stdout, 'out\n');
  t.equal(r.stderr, 'err\n');

  const withInput = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [`${REPO_ROOT}packages/cli/bin/berth.js`, '--cluster', cluster, 'exec', '-i', execable.arn, '--', 'sh', '-c', 'tr a-z A-Z; echo done'], { env: { ...process.env, BERTH_CONFIG: server.configPath!, BERTH_SERVER: server.addr } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end('hello from stdin\n');
  });
  t.same(withInput, { code: 0, out: 'HELLO FROM STDIN\ndone\n' }, '-i: input passed, EOF passed');

  const big = await berth('exec', execable.id, '--', 'sh', '-c', 'head -c 3000000 /dev/zero | tr "\\0" x');
  t.equal(big.stdout.length, 3_000_000, 'many windows of output arrive whole');

  t.equal((await berth('exec', execable.id)).code, 2, 'no command: usage');
  const tty = await berth('exec', '-t', execable.id, '--', 'true');
  t.equal(tty.code, 0);
  t.match(tty.stderr, /Unable to use a TTY/, '-t without a terminal: said, and run without one');
});

t.test('ECS Exec refusals', async (t) => {
  const off = await berth('exec', plain.id, '--', 'true');
  t.equal(off.code, 1);
  t.match(off.stderr, /^InvalidParameterException: The execute command failed because execute command was not enabled when the task was run/);

  // A user allowed everything but ecs:ExecuteCommand.
  const userName = `noexec-${process.pid}`;
  await client.callApi(IAM_API, 'CreateUser', { UserName: userName });
  await client.callApi(IAM_API, 'PutUserPolicy', {
    UserName: userName, PolicyName: 'all-but-exec',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'ecs:ExecuteCommand', Resource: '*' }] }),
  });
  const key = ((await client.callApi(IAM_API, 'CreateAccessKey', { UserName: userName })) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } }).AccessKey;
  const asUser = (...args: string[]) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [`${REPO_ROOT}packages/cli/bin/berth.js`, '--cluster', cluster, ...args], {
      env: { ...process.env, BERTH_CONFIG: server.configPath!, BERTH_SERVER: server.addr, BERTH_ACCESS_KEY_ID: key.AccessKeyId, BERTH_SECRET_ACCESS_KEY: key.SecretAccessKey },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  const denied = await asUser('exec', execable.id, '--', 'true');
  t.equal(denied.code, 1);
  t.match(denied.stderr, new RegExp(`^AccessDeniedException: .*not authorized to perform: ecs:ExecuteCommand on resource: ${execable.arn.replace(/[/.:]/g, '\\$&')}`));
  const audited = records.map((r) => auditEntry(r)).filter((e) => e?.action === 'ecs:ExecuteCommand');
  t.ok(audited.some((e) => e!.result === 'ok' && e!.resources?.includes(execable.arn)), 'an exec session is audited');
  t.ok(audited.some((e) => e!.result === 'AccessDeniedException' && e!.caller.includes(userName)), 'and a refused one, with its caller');
  t.equal((await asUser('logs', plain.id, '--tail', '1')).code, 0, 'the same user reads the log (berth:GetTaskLogs)');
});

t.test('an interactive session in tmux: a terminal, a resize, Ctrl-C, the exit code', async (t) => {
  const session = `berth-exec-${process.pid}`;
  const exitFile = join(work.dir, 'exec-exit-code');
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const pane = () => tmux('capture-pane', '-p', '-t', session);
  const shown = (what: RegExp, label: string) => until(label, async () => what.test(pane()) || undefined, 15_000);
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24',
    `BERTH_CONFIG=${server.configPath} BERTH_SERVER=${server.addr} ${process.execPath} ${REPO_ROOT}packages/cli/bin/berth.js --cluster ${cluster} exec -it ${execable.id} -- sh; echo $? > ${exitFile}; sleep 30`);
  t.teardown(() => void execFileSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' }));
  // (capture-pane drops trailing blanks: the prompt shows as "/ #".)
  await shown(/^\/ #$/m, 'the shell\'s prompt');
  tmux('send-keys', '-t', session, 'stty size; tty', 'Enter');
  await shown(/^24 80$/m, 'the terminal\'s size inside');
  t.match(pane(), /^\/dev\/pts\/\d+$/m, 'a TTY');
  tmux('resize-window', '-t', session, '-x', '100', '-y', '30');
  // The resize travels CLI -> control plane -> agent -> Docker while the shell reads the next line, so the
  // size is asked again until it arrives (a first `stty size` may still print the old one).
  await until('the new size inside after a resize', async () => {
    tmux('send-keys', '-t', session, 'clear; stty size', 'Enter');
    await new Promise((r) => setTimeout(r, 500));
    return /^30 100$/m.test(pane()) || undefined;
  }, 15_000);
  tmux('send-keys', '-t', session, 'sleep 4343', 'Enter');
  const sleeping = () => docker('top', execable.container).includes('sleep 4343');
  await until('sleep runs', async () => sleeping() || undefined, 15_000);
  tmux('send-keys', '-t', session, 'C-c');
  await until('Ctrl-C ended it', async () => !sleeping() || undefined, 15_000);
  tmux('send-keys', '-t', session, 'echo still-here', 'Enter');
  await shown(/^still-here$/m, 'the shell lives on after Ctrl-C');
  tmux('send-keys', '-t', session, 'exit 7', 'Enter');
  await until('the CLI exited', async () => existsSync(exitFile) || undefined, 15_000);
  t.equal(readFileSync(exitFile, 'utf8').trim(), '7', 'the shell\'s exit code is the CLI\'s');
});

t.test('the command ends when the client goes away', async (t) => {
  const child = spawn(process.execPath, [`${REPO_ROOT}packages/cli/bin/berth.js`, '--cluster', cluster, 'exec', execable.id, '--', 'sleep', '4242'], { env: { ...process.env, BERTH_CONFIG: server.configPath!, BERTH_SERVER: server.addr } });
  const running = () => docker('top', execable.container).includes('sleep 4242');
  await until('the command runs', async () => running() || undefined, 15_000);
  child.kill('SIGKILL');
  await until('the command is gone', async () => !running() || undefined, 15_000);
  t.pass('killed with its client');
});

t.test('a stopped task\'s log is still read until its containers are cleaned up', async (t) => {
  t.equal((await berth('stop', 'task', plain.id)).code, 0);
  await waitForTask(client, cluster, plain.arn, 'STOPPED');
  const r = await berth('logs', plain.id);
  t.match(r.stdout, /^line-1\n/);
  const ex = await berth('exec', execable.id, '--container', 'app', '--', 'true');
  t.equal(ex.code, 0, 'the other task still runs commands');
});
