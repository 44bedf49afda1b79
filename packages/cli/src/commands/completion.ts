// berth completion bash|zsh|fish: small scripts that ask berth itself what may come next (`berth __complete
// WORDS...`, as cobra's programs do), so every shell completes the same things and none falls behind the
// grammar: commands, the kinds or actions a command takes, its options, and resource names read from the
// control plane (services, tasks, instances, task definitions, clusters) where a name is expected.
import type { Command, Option } from 'commander';
import { DEPLOYMENT_HOOKS_API, IAM_API, JOIN_KINDS, SECRETSMANAGER_API, SHAPES, resourceId, type Iam, type Secretsmanager as Sm } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { FORMATS } from '../output.js';
import { EVENT_TYPES } from './events.js';

/**
 * The resource names a kind's argument takes, in a cluster (a lookup failure completes nothing); `of`: the
 * resource they belong to (a task's containers, a service's revisions).
 */
export type NameLookup = (kind: string, cluster: string | undefined, of?: string) => Promise<string[]>;

/** An ECS enum's values, from the model. */
const enumOf = (shape: string): readonly string[] => {
  const s = SHAPES[shape]!;
  return s.type === 'string' ? s.enum ?? [] : [];
};

/**
 * What an option's value may be, by its long name: fixed words, or names read from the control plane (`of`:
 * which positional word names the resource they belong to). --status depends on what it is for (statusValues).
 */
const OPTION_VALUES: Record<string, readonly string[] | { names: string; of?: number }> = {
  '--output': FORMATS.map((f) => f.replace('TEMPLATE', '')),
  '--cluster': { names: 'cluster' },
  '--task-definition': { names: 'taskdef' },
  '--container': { names: 'container', of: 0 },
  '--to-revision': { names: 'revision', of: 2 },
  '--user-name': { names: 'user' },
  '--kind': JOIN_KINDS,
  '--desired-status': enumOf('DesiredStatus'),
  '--sort-by': ['cpu', 'memory'],
  '--type': EVENT_TYPES,
  '--strategy': ['binpack:cpu', 'binpack:memory', 'spread:instanceId', 'spread:host', 'spread:attribute:', 'random'],
  '--constraint': ['distinctInstance', 'memberOf:'],
};

/** --status: an access key's (update), a task definition's or a container instance's (get). */
function statusValues(command: string, kind: string | undefined): readonly string[] {
  if (command === 'update') return ['Active', 'Inactive'];
  if (kind === 'taskdef') return enumOf('TaskDefinitionStatus');
  if (kind === 'instance') return enumOf('ContainerInstanceStatus');
  return [];
}

const flags = (options: readonly Option[]) => options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined);
const takingValue = (options: readonly Option[]) => new Set(flags(options.filter((o) => o.required || o.optional)));

/** The kinds or actions an argument lists in its description (`a | b | c`). */
function listed(description: string | undefined): string[] {
  return description && /^[a-z-]+( \| [a-z-]+)+$|^[a-z-]+$/.test(description) ? description.split(' | ') : [];
}

/** Arguments named for a resource rather than a kind: `logs TASK`, `exec TASK`, `run TASKDEF`. */
const RESOURCE_ARGS: Record<string, string> = { task: 'task', taskdef: 'taskdef' };

/**
 * What may come at the last of `words` (the words after `berth`, the last one being typed, maybe empty).
 * `kindOf` maps a kind as typed (svc, tasks) to its canonical name.
 */
export async function candidates(program: Command, words: string[], kindOf: (k: string) => string | undefined, names: NameLookup): Promise<string[]> {
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const global = program.options;
  const globalValued = takingValue(global);
  const valueOf = (flag: string) => {
    const i = before.indexOf(flag);
    return i >= 0 ? before[i + 1] : undefined;
  };
  // The command path (config use-context) and its positional words so far.
  let command: Command = program;
  const positional: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!;
    if (w.startsWith('-')) {
      if (globalValued.has(w) || takingValue(command.options).has(w)) i++;
      continue;
    }
    const sub = positional.length === 0 ? command.commands.find((c) => c.name() === w) : undefined;
    if (sub) command = sub;
    else positional.push(w);
  }
  const prev = before[before.length - 1];
  if (prev !== undefined && prev.startsWith('-') && (globalValued.has(prev) || takingValue(command.options).has(prev))) {
    const long = [...global, ...command.options].find((o) => o.short === prev || o.long === prev)!.long!;
    if (long === '--status') return [...statusValues(command.name(), positional[0] === undefined ? undefined : kindOf(positional[0]))];
    const values = OPTION_VALUES[long];
    if (values === undefined) return [];
    if (!('names' in values)) return [...values];
    const of = values.of === undefined ? undefined : positional[values.of];
    return values.of !== undefined && of === undefined ? [] : names(values.names, valueOf('--cluster'), of);
  }
  if (current.startsWith('-')) return [...flags(command === program ? [] : command.options), ...flags(global)];
  if (command.commands.length > 0) return positional.length === 0 ? command.commands.map((c) => c.name()).filter((n) => n !== 'help') : [];
  const args = command.registeredArguments;
  // A variadic last argument (drain instance ID...) takes every further word.
  const at = args[args.length - 1]?.variadic ? Math.min(positional.length, args.length - 1) : positional.length;
  const here = listed(args[at]?.description);
  if (here.length > 0) return here;
  const cluster = valueOf('--cluster');
  // The word after a kind (describe service NAME) is a name of that kind.
  if (at > 0 && listed(args[at - 1]?.description).length > 0) {
    const kind = kindOf(positional[at - 1]!);
    return kind ? names(kind, cluster) : [];
  }
  const resource = RESOURCE_ARGS[args[at]?.name() ?? ''];
  return resource ? names(resource, cluster) : [];
}

/**
 * Names from the control plane: service names, task and instance ids, FAMILY:REVISION, cluster names, IAM
 * user and secret names, a task's container names, the revisions of a service's history.
 */
export function lookupNames(ctx: CommandContext): NameLookup {
  return async (kind, explicit, of) => {
    const cluster = ctx.cluster(explicit);
    if (kind === 'container') return ((await ctx.client.call('DescribeTasks', { cluster, tasks: [of!] })).tasks?.[0]?.containers ?? []).map((c) => c.name!);
    if (kind === 'revision') {
      const listed = await ctx.client.call('ListServiceDeployments', { cluster, service: of!, maxResults: 100 });
      return [...new Set((listed.serviceDeployments ?? []).map((d) => resourceId(d.targetServiceRevisionArn!)))];
    }
    if (kind === 'user') return ((await ctx.client.callApi(IAM_API, 'ListUsers', { MaxItems: 1000 }) as Iam.ListUsersResponse).Users ?? []).map((u) => u.UserName!);
    if (kind === 'secret') return ((await ctx.client.callApi(SECRETSMANAGER_API, 'ListSecrets', { MaxResults: 100 }) as Sm.ListSecretsResponse).SecretList ?? []).map((x) => x.Name!);
    if (kind === 'service') return ((await ctx.client.call('ListServices', { cluster, maxResults: 100 })).serviceArns ?? []).map(resourceId);
    if (kind === 'task') return ((await ctx.client.call('ListTasks', { cluster, maxResults: 100 })).taskArns ?? []).map(resourceId);
    if (kind === 'instance') return ((await ctx.client.call('ListContainerInstances', { cluster, maxResults: 100 })).containerInstanceArns ?? []).map(resourceId);
    if (kind === 'taskdef') return ((await ctx.client.call('ListTaskDefinitions', { status: 'ACTIVE', sort: 'DESC', maxResults: 100 })).taskDefinitionArns ?? []).map((a) => a.split('/').pop()!);
    if (kind === 'hook') return ((await ctx.client.callApi(DEPLOYMENT_HOOKS_API, 'ListDeploymentHooks', {}) as { deploymentHooks?: { name: string }[] }).deploymentHooks ?? []).map((h) => h.name);
    if (kind === 'cluster') return ((await ctx.client.call('ListClusters', { maxResults: 100 })).clusterArns ?? []).map((a) => a.split('/').pop()!);
    return [];
  };
}

function bash(): string {
  return `# berth completion for bash (source it, or put it in /etc/bash_completion.d/berth)
_berth() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(berth __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "\${COMP_WORDS[COMP_CWORD]}"))
}
complete -F _berth berth
`;
}

function zsh(): string {
  return `#compdef berth
# berth completion for zsh (source it from ~/.zshrc, or put it in your $fpath as _berth)
_berth() {
  local -a candidates
  candidates=("\${(@f)$(berth __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -- "\${candidates[@]}"
}
if (( ! $+functions[compdef] )); then autoload -U compinit && compinit -u; fi
compdef _berth berth
`;
}

function fish(): string {
  return `# berth completion for fish (berth completion fish > ~/.config/fish/completions/berth.fish)
function __berth_complete
  set -l words (commandline -opc)
  set -e words[1]
  berth __complete $words (commandline -ct) 2>/dev/null
end
complete -c berth -f -a '(__berth_complete)'
`;
}

export function completion(shell: string | undefined): string {
  if (shell === 'bash') return bash();
  if (shell === 'zsh') return zsh();
  if (shell === 'fish') return fish();
  throw new UsageError(`completion takes bash, zsh or fish${shell ? ` (not ${shell})` : ''}`);
}
