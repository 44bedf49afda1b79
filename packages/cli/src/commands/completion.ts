// berth completion bash|zsh|fish: a completion script generated from the program itself (its commands, the
// kinds each takes, its options), so it never falls behind the grammar. zsh loads the bash script through
// bashcompinit, as kubectl's does.
import type { Command } from 'commander';
import { UsageError } from '../context.js';

interface Entry {
  name: string;
  /** The kinds or actions its first argument takes (from the argument's `a | b | c` description). */
  words: string[];
  options: string[];
}

function entries(program: Command): Entry[] {
  return program.commands.map((c) => {
    const first = c.registeredArguments[0]?.description ?? '';
    const words = /^[a-z-]+( \| [a-z-]+)+$/.test(first) ? first.split(' | ') : [];
    const subcommands = c.commands.map((s) => s.name());
    const options = c.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined);
    return { name: c.name(), words: [...words, ...subcommands], options };
  });
}

const globalOptions = (program: Command) => program.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined);

function bash(program: Command): string {
  const es = entries(program);
  const cases = es.map((e) => `    ${e.name}) words="${[...e.words, ...e.options].join(' ')}" ;;`).join('\n');
  return `# berth completion for bash (source it, or put it in /etc/bash_completion.d/berth)
_berth() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" words=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${es.map((e) => e.name).join(' ')} ${globalOptions(program).join(' ')}" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words ${globalOptions(program).join(' ')}" -- "$cur"))
}
complete -F _berth berth
`;
}

function fish(program: Command): string {
  const es = entries(program);
  const lines = [
    '# berth completion for fish (berth completion fish > ~/.config/fish/completions/berth.fish)',
    `complete -c berth -f -n '__fish_use_subcommand' -a '${es.map((e) => e.name).join(' ')}'`,
    ...es.filter((e) => e.words.length + e.options.length > 0).map((e) => `complete -c berth -f -n '__fish_seen_subcommand_from ${e.name}' -a '${[...e.words, ...e.options].join(' ')}'`),
  ];
  return lines.join('\n') + '\n';
}

export function completion(program: Command, shell: string | undefined): string {
  if (shell === 'bash') return bash(program);
  if (shell === 'zsh') return `# berth completion for zsh (source it from ~/.zshrc)\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n${bash(program)}`;
  if (shell === 'fish') return fish(program);
  throw new UsageError(`completion takes bash, zsh or fish${shell ? ` (not ${shell})` : ''}`);
}
