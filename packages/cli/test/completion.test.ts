// berth completion: each shell's script, loaded in the real shell (bash; zsh interactive in tmux, Tab
// pressed; fish's `complete -C`), completes a command, an option and a resource name read from a real
// control plane, through `berth __complete`. The candidates themselves, for the grammar's other shapes, from
// the function the scripts reach.
import t from 'tap';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildProgram } from '../src/cli.js';
import { candidates, completion } from '../src/commands/completion.js';
import { cliTestServer } from './cli-server.js';
import { NO_CONFIG, ROOT } from './run-cli.js';

const { dir, server, client } = await cliTestServer(t, 'completion');
await client.call('RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'berth-test/busybox:latest', memory: 16 }] });
await client.call('CreateCluster', { clusterName: 'default' });
await client.call('CreateService', { cluster: 'default', serviceName: 'webshop', taskDefinition: 'web', desiredCount: 0 });

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
});

t.test('fish', async (t) => {
  const file = script('fish');
  const complete = async (line: string) => (await run('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`])).trim().split('\n');
  t.same(await complete('berth ge'), ['get'], 'a command');
  t.same(await complete('berth logs x --tim'), ['--timestamps'], 'an option');
  t.same(await complete('berth describe service we'), ['webshop'], 'a resource name');
});

t.test('the candidates for the grammar\'s shapes', async (t) => {
  const names = async (kind: string, cluster: string | undefined) => [`${kind}-in-${cluster ?? 'default'}`];
  const kindOf = (k: string) => ({ svc: 'service', service: 'service', instance: 'instance', tasks: 'task' } as Record<string, string>)[k];
  const c = (...words: string[]) => candidates(program, words, kindOf, names);
  t.same(await c('rollout', 'status', 'service', ''), ['service-in-default'], 'the name after a second argument\'s kind');
  t.same(await c('--cluster', 'prod', 'describe', 'svc', ''), ['service-in-prod'], 'a kind as typed (svc), in the cluster the words name');
  t.same(await c('drain', 'instance', 'a', ''), ['instance-in-default'], 'each word of a variadic argument');
  t.same(await c('exec', '--cluster', 'prod', ''), ['task-in-prod'], 'an argument that is a resource (exec TASK)');
  t.same(await c('get', 'tasks', '-o', ''), [], 'no candidates for an option\'s value');
  t.same(await c('config', 'us'), ['get-contexts', 'use-context', 'set-context', 'view'], 'subcommands');
  t.ok((await c('-')).includes('--server'), 'global options');
  t.throws(() => completion('tcsh'), { name: 'UsageError' });
});
