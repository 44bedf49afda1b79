// berth completion: each shell's script, loaded in the real shell (bash; zsh interactive in tmux, Tab
// pressed; fish's `complete -C`), completes a command, an option, a resource name and option values (-o's
// formats, --container's names in a task, --user-name's IAM users, --kind's join kinds, secret names) read
// from a real control plane, through `berth __complete`. The candidates themselves, for the grammar's other
// shapes, from the function the scripts reach.
import t from 'tap';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { IAM_API, SECRETSMANAGER_API, resourceId } from '@berth/core';
import { buildProgram } from '../src/cli.js';
import { candidates, completion } from '../src/commands/completion.js';
import { cliTestServer } from './cli-server.js';
import { NO_CONFIG, ROOT } from './run-cli.js';

const { dir, server, client } = await cliTestServer(t, 'completion');
await client.call('RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'berth-test/busybox:latest', memory: 16 }] });
await client.call('CreateCluster', { clusterName: 'default' });
await client.call('CreateService', { cluster: 'default', serviceName: 'webshop', taskDefinition: 'web', desiredCount: 0 });
await client.callApi(IAM_API, 'CreateUser', { UserName: 'alice' });
await client.callApi(SECRETSMANAGER_API, 'CreateSecret', { Name: 'db-password', SecretString: 'x' });
// A task with two containers, placed on an instance whose agent's session a store key stands in for.
await client.call('RegisterTaskDefinition', { family: 'two', containerDefinitions: ['app', 'sidecar'].map((name) => ({ name, image: 'berth-test/busybox:latest', memory: 16 })) });
const { containerInstance } = await client.call('RegisterContainerInstance', {
  cluster: 'default', totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
});
await server.ctx.store.put(`/berth/v1/sessions/${resourceId(containerInstance!.containerInstanceArn!)}`, JSON.stringify({ sessionId: 'completion-test' }));
const TASK = resourceId((await client.call('RunTask', { cluster: 'default', taskDefinition: 'two' })).tasks![0]!.taskArn!);

// `berth` on PATH, as a user has it; the shells' homes in the test's directory.
const bin = join(dir, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'berth'), `#!/bin/sh\nexec "${process.execPath}" "${ROOT}packages/cli/bin/berth.js" "$@"\n`);
chmodSync(join(bin, 'berth'), 0o755);
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), ZDOTDIR: dir, BERTH_SERVER: server.addr, BERTH_CONFIG: NO_CONFIG };
const program = buildProgram(() => {}, () => {});
/** A shell, run without blocking this process: the control plane the completion asks lives here. */
const run = async (file: string, args: string[]) => (await promisify(execFile)(file, args, { encoding: 'utf8', env })).stdout;
const script = (shell: string) => {
  const file = join(dir, `berth.${shell}`);
  writeFileSync(file, completion(shell));
  return file;
};

t.test('bash', async (t) => {
  const file = script('bash');
  /** What bash completes for the words typed so far (the last one being completed). */
  const complete = async (...words: string[]) => (await run('bash', ['-c', `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _berth; echo "\${COMPREPLY[*]}"`])).trim();
  t.equal(await complete('berth', 'ge'), 'get', 'a command');
  t.equal(await complete('berth', 'get', 'ta'), 'taskdefs tasks', 'the kinds it takes');
  t.equal(await complete('berth', 'logs', 'x', '--ti'), '--timestamps', 'its options');
  t.equal(await complete('berth', 'describe', 'service', 'we'), 'webshop', 'a resource name');
  t.equal(await complete('berth', 'rollout', 'st'), 'status', 'an action');
  t.equal(await complete('berth', 'get', 'tasks', '-o', 'j'), 'json jsonpath=', '-o\'s formats');
  t.equal(await complete('berth', 'describe', 'service', '--cluster', 'de'), 'default', 'cluster names');
  t.equal(await complete('berth', 'logs', TASK, '--container', ''), 'app sidecar', 'the containers of the task');
  t.equal(await complete('berth', 'get', 'access-keys', '--user-name', 'al'), 'alice', 'IAM user names');
  t.equal(await complete('berth', 'describe', 'secret', 'db'), 'db-password', 'secret names');
  t.equal(await complete('berth', 'create', 'join-token', '--kind', 'log'), 'log-router', 'join token kinds');
});

t.test('zsh, interactive in tmux: Tab completes', async (t) => {
  writeFileSync(join(dir, '.zshrc'), `PS1='> '\nsource ${script('zsh')}\n`);
  const sock = join(dir, 'tmux.sock');
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', sock, ...args], { encoding: 'utf8', env });
  tmux('new-session', '-d', '-s', 'z', '-x', '160', '-y', '20', 'zsh -i');
  t.teardown(() => { tmux('kill-server'); });
  const promptLine = () => tmux('capture-pane', '-p', '-t', 'z').split('\n').filter((l) => l.startsWith('> ')).pop();
  for (let i = 0; i < 100 && promptLine() === undefined; i++) await sleep(100);
  /** Types `typed`, presses Tab, and waits for the line to read `want` (tmux trims the space after it). */
  const tab = async (typed: string, want: string) => {
    tmux('send-keys', '-t', 'z', 'C-u', typed, 'Tab');
    let line: string | undefined;
    for (let i = 0; i < 150 && line !== `> ${want}`; i++) {
      await sleep(100);
      line = promptLine();
    }
    return line;
  };
  t.equal(await tab('berth ge', 'berth get'), '> berth get', 'a command');
  t.equal(await tab('berth logs x --tim', 'berth logs x --timestamps'), '> berth logs x --timestamps', 'an option');
  t.equal(await tab('berth describe service we', 'berth describe service webshop'), '> berth describe service webshop', 'a resource name');
  t.equal(await tab(`berth exec ${TASK} --container si`, `berth exec ${TASK} --container sidecar`), `> berth exec ${TASK} --container sidecar`, 'a container of the task');
  t.equal(await tab('berth describe user al', 'berth describe user alice'), '> berth describe user alice', 'an IAM user');
});

t.test('fish', async (t) => {
  const file = script('fish');
  const complete = async (line: string) => (await run('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`])).trim().split('\n');
  t.same(await complete('berth ge'), ['get'], 'a command');
  t.same(await complete('berth logs x --tim'), ['--timestamps'], 'an option');
  t.same(await complete('berth describe service we'), ['webshop'], 'a resource name');
  t.same(await complete('berth get tasks -o ya'), ['yaml'], '-o\'s formats');
  t.same(await complete(`berth logs ${TASK} --container s`), ['sidecar'], 'a container of the task');
  t.same(await complete('berth delete secret d'), ['db-password'], 'a secret');
});

t.test('the candidates for the grammar\'s shapes', async (t) => {
  const names = async (kind: string, cluster: string | undefined, of?: string) => [`${kind}${of ? `-of-${of}` : ''}-in-${cluster ?? 'default'}`];
  const kindOf = (k: string) => ({ svc: 'service', service: 'service', instance: 'instance', instances: 'instance', tasks: 'task', taskdefs: 'taskdef', user: 'user', secret: 'secret' } as Record<string, string>)[k];
  const c = (...words: string[]) => candidates(program, words, kindOf, names);
  t.same(await c('rollout', 'status', 'service', ''), ['service-in-default'], 'the name after a second argument\'s kind');
  t.same(await c('--cluster', 'prod', 'describe', 'svc', ''), ['service-in-prod'], 'a kind as typed (svc), in the cluster the words name');
  t.same(await c('drain', 'instance', 'a', ''), ['instance-in-default'], 'each word of a variadic argument');
  t.same(await c('exec', '--cluster', 'prod', ''), ['task-in-prod'], 'an argument that is a resource (exec TASK)');
  t.same(await c('get', 'tasks', '-o', ''), ['table', 'wide', 'json', 'yaml', 'name', 'jsonpath='], '-o\'s formats');
  t.same(await c('--output', ''), ['table', 'wide', 'json', 'yaml', 'name', 'jsonpath='], 'its long name, anywhere');
  t.same(await c('get', 'services', '--cluster', ''), ['cluster-in-default'], 'cluster names');
  t.same(await c('logs', 't1', '--cluster', 'prod', '--container', ''), ['container-of-t1-in-prod'], 'the containers of the task the words name');
  t.same(await c('exec', '--container', ''), [], 'no task yet: no containers');
  t.same(await c('rollout', 'undo', 'service', 'web', '--to-revision', ''), ['revision-of-web-in-default'], 'the revisions of the service');
  t.same(await c('create', 'join-token', '--kind', ''), ['agent', 'lb', 'log-router', 'exporter'], 'join token kinds');
  t.same(await c('get', 'access-keys', '--user-name', ''), ['user-in-default'], 'IAM users');
  t.same(await c('describe', 'user', ''), ['user-in-default'], 'an IAM user as a name');
  t.same(await c('delete', 'secret', ''), ['secret-in-default'], 'a secret as a name');
  t.same(await c('get', 'taskdefs', '--status', ''), ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'], 'a task definition\'s statuses, from the model');
  t.same(await c('get', 'instances', '--status', ''), ['ACTIVE', 'DRAINING', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED'], 'a container instance\'s');
  t.same(await c('update', 'access-key', 'k', '--status', ''), ['Active', 'Inactive'], 'an access key\'s');
  t.same(await c('get', 'tasks', '--desired-status', ''), ['RUNNING', 'PENDING', 'STOPPED']);
  t.same(await c('events', '--type', ''), ['task', 'instance', 'service', 'deployment']);
  t.same(await c('top', 'tasks', '--sort-by', ''), ['cpu', 'memory']);
  t.same(await c('apply', '-f', ''), [], 'a file: no candidates');
  t.same(await c('config', 'us'), ['get-contexts', 'use-context', 'set-context', 'view'], 'subcommands');
  t.ok((await c('-')).includes('--server'), 'global options');
  t.throws(() => completion('tcsh'), { name: 'UsageError' });
});
