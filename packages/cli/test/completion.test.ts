// berth completion: the bash script, loaded in a real bash, completes commands, the kinds a command takes and
// its options, from the program itself; zsh's is the same script behind bashcompinit; fish's names the same.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../src/cli.js';
import { completion } from '../src/commands/completion.js';

const program = buildProgram(() => {}, () => {});
const dir = mkdtempSync(join(tmpdir(), 'berth-completion-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const script = join(dir, 'berth.bash');
writeFileSync(script, completion(program, 'bash'));

/** What bash completes for the words typed so far (the last one being completed). */
const complete = (...words: string[]) => execFileSync('bash', ['-c', `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _berth; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' }).trim();

t.equal(complete('berth', 'ge'), 'get', 'a command');
t.equal(complete('berth', 'get', 'ta'), 'taskdefs tasks', 'the kinds it takes');
t.equal(complete('berth', 'logs', 'x', '--ti'), '--timestamps', 'its options');
t.equal(complete('berth', 'rollout', 'st'), 'status', 'an action');
t.match(completion(program, 'zsh'), /bashcompinit\n# berth completion for bash/);
t.match(completion(program, 'fish'), /complete -c berth -f -n '__fish_seen_subcommand_from exec' -a '--container --stdin -i --tty -t'/);
t.throws(() => completion(program, 'tcsh'), { name: 'UsageError' });
