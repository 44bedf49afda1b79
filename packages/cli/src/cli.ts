// berth: `berth VERB [KIND] [NAME] [flags]`, kubectl's shape over the ECS model.
// Exit codes: 0 ok, 1 error (the ECS error name and message on stderr, the field at fault on a second
// line), 2 usage.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isBerthError } from '@berth/core';
import { clusterFromArn, makeContext, UsageError, writeStdout, type CommandContext, type GlobalOptions } from './context.js';
import { FormatError, parseFormat, type Format } from './output.js';
import * as clusters from './commands/clusters.js';
import * as taskdefs from './commands/taskdefs.js';
import * as tasks from './commands/tasks.js';
import * as instances from './commands/instances.js';
import * as accessKeys from './commands/access-keys.js';
import * as users from './commands/users.js';
import * as secrets from './commands/secrets.js';
import * as joinTokens from './commands/join-tokens.js';
import * as certificates from './commands/certificates.js';
import * as events from './commands/events.js';
import * as services from './commands/services.js';
import * as rollout from './commands/rollout-history.js';
import * as invoking from './commands/invoking.js';
import * as scaleHooks from './commands/scale-hooks.js';
import * as deploymentHooks from './commands/deployment-hooks.js';
import * as config from './commands/config.js';
import * as logs from './commands/logs.js';
import * as taskIo from './commands/task-io.js';
import * as loadBalancers from './commands/load-balancers.js';
import { checkWatchable } from './commands/watch.js';
import * as lint from './commands/lint.js';
import * as topCmd from './commands/top.js';
import * as applyCmd from './commands/apply.js';
import { candidates, completion, lookupNames } from './commands/completion.js';
import { addExamples } from './examples.js';

const KINDS: Record<string, string> = {
  cluster: 'cluster', clusters: 'cluster',
  taskdef: 'taskdef', taskdefs: 'taskdef', 'task-definition': 'taskdef', 'task-definitions': 'taskdef', td: 'taskdef',
  task: 'task', tasks: 'task',
  instance: 'instance', instances: 'instance', 'container-instance': 'instance', 'container-instances': 'instance', ci: 'instance',
  'access-key': 'access-key', 'access-keys': 'access-key',
  user: 'user', users: 'user', 'user-policy': 'user-policy', 'user-policies': 'user-policy',
  policy: 'policy', policies: 'policy', 'attached-policies': 'attached-policy',
  'join-token': 'join-token', 'join-tokens': 'join-token',
  certificate: 'certificate', certificates: 'certificate', cert: 'certificate', certs: 'certificate',
  secret: 'secret', secrets: 'secret',
  service: 'service', services: 'service', svc: 'service',
  deployment: 'deployment', deployments: 'deployment',
  lb: 'lb', lbs: 'lb', 'load-balancer': 'lb', 'load-balancers': 'lb',
  rule: 'rule', rules: 'rule', schedule: 'schedule', schedules: 'schedule',
  'event-source': 'event-source', 'event-sources': 'event-source',
  'scale-hook': 'scale-hook', 'scale-hooks': 'scale-hook',
  hook: 'hook', hooks: 'hook',
};

function kind(k: string, allowed: string[]): string {
  const canonical = KINDS[k];
  if (!canonical || !allowed.includes(canonical)) throw new UsageError(`unknown kind "${k}" here; expected one of: ${allowed.join(', ')}`);
  return canonical;
}

/** A cluster named by a positional argument (name or ARN); --cluster must not disagree with it. */
function clusterArg(ctx: CommandContext, name: string | undefined): string {
  if (name === undefined) return ctx.cluster();
  return ctx.cluster(clusterFromArn(name) ?? name);
}

/** -o, checked before anything runs: a bad format or jsonpath template is a usage error. */
function outputFormat(text: string): Format {
  try {
    return parseFormat(text);
  } catch (e) {
    if (e instanceof FormatError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

/** A --timeout's seconds. */
function seconds(text: string): number {
  const n = Number(text);
  if (!(n > 0)) throw new UsageError(`--timeout ${text}: expected a number of seconds above 0`);
  return n;
}

/** Repeatable options: each use adds to the list. */
const collect = (v: string, acc: string[]) => [...acc, v];

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

/** `state.exitCode` receives a command's own exit code (e.g. `run --wait` when a task failed). */
export function buildProgram(out: (s: string) => void, err: (s: string) => void, state = { exitCode: 0 }): Command {
  const program = new Command('berth')
    .description('Berth: ECS on machines you own')
    .addOption(new Option('--server <addrs>', 'control plane address(es), comma-separated (env BERTH_SERVER)'))
    .addOption(new Option('--cluster <name>', 'cluster name or ARN (default: default)'))
    .addOption(new Option('--ca-cert <file>', 'the cluster CA (PEM) TLS trusts (env BERTH_CA_CERT; default: the context\'s)'))
    .addOption(new Option('--context <name>', 'the context of the config file to use (BERTH_CONFIG, default ~/.berth/config.yaml; default: its current context)'))
    .addOption(new Option('-o, --output <format>', 'output format: table | wide | json | yaml | name | jsonpath=TEMPLATE (kubectl\'s, over what json prints)').argParser(outputFormat).default('table'))
    .showHelpAfterError()
    .configureOutput({ writeOut: out, writeErr: err })
    .exitOverride();

  const run = (fn: (ctx: CommandContext, ...a: any[]) => Promise<void | number>) =>
    async (...a: any[]) => {
      const cmd = a[a.length - 1] as Command;
      const ctx = makeContext(cmd.optsWithGlobals() as GlobalOptions, out);
      try {
        state.exitCode = (await fn(ctx, ...a.slice(0, -2), a[a.length - 2])) ?? 0;
      } finally {
        ctx.client.close();
      }
    };

  program.command('create').description('create a resource').argument('<kind>', 'cluster | service | access-key | user | join-token | secret | event-source | scale-hook | hook').argument('[name]')
    .argument('[source]', 'for event-source: the webhook\'s name (create event-source webhook NAME)')
    .option('-f, --filename <file>', 'for services: CreateService input, JSON or YAML ("-" for stdin)')
    .option('--user-name <name>', 'for access-key: the IAM user the key is for (default: the calling user)')
    .option('--policy-arn <arn>', 'for user: a managed policy to attach (repeatable), e.g. arn:aws:iam::aws:policy/ReadOnlyAccess', collect, [])
    .option('--ttl <duration>', 'for join-token: how long it admits machines (default 24h)')
    .option('--uses <n>', 'for join-token: how many machines it admits (default: any until it expires)')
    .option('--kind <kind>', 'for join-token: agent (default) | lb | log-router | exporter')
    .option('--description <text>', 'for join-token, secret, event-source, scale-hook and hook: what it is for')
    .option('--from-file <file>', 'for secret: the value, read from FILE (- for stdin)')
    .option('--from-literal <value>', 'for secret: the value')
    .option('--event-bus <name>', 'for event-source: the bus its events go to (default: default)')
    .option('--url <url>', 'for scale-hook: POST here (under the server\'s --hook-url-allow) instead of running --scale-hooks-dir/NAME; for hook: a webhook, POSTed ECS\'s lifecycle hook input (under --hook-url-allow)')
    .option('--task-definition <td>', 'for hook: a hook task, a one-off task of TD in the service\'s cluster, given the input in $BERTH_HOOK_INPUT; exit 0 SUCCEEDED, else FAILED')
    .option('--hook-timeout <duration>', 'for scale-hook: each attempt\'s limit (default 30s); for hook: each call\'s (default 30s, a task 10m)')
    .option('--retries <n>', 'for scale-hook: attempts after a failed one, backing off (default 3)')
    .action(run(async (ctx, k: string, name: string | undefined, source: string | undefined, opts: { filename?: string; userName?: string; policyArn: string[]; fromFile?: string; fromLiteral?: string; eventBus?: string } & joinTokens.CreateJoinTokenFlags & scaleHooks.CreateScaleHookFlags & deploymentHooks.CreateHookFlags) => {
      const which = kind(k, ['cluster', 'service', 'access-key', 'user', 'join-token', 'secret', 'event-source', 'scale-hook', 'hook']);
      if (which === 'hook') {
        if (source !== undefined) throw new UsageError(`create ${k} takes one name`);
        if (opts.retries !== undefined) throw new UsageError('--retries applies to scale hooks only (a deployment hook that fails rolls its deployment back)');
        return deploymentHooks.createHook(ctx, need(name, 'hook name'), opts);
      }
      if (opts.taskDefinition !== undefined) throw new UsageError('--task-definition applies to hooks only');
      if (which !== 'scale-hook' && [opts.url, opts.hookTimeout, opts.retries].some((v) => v !== undefined)) throw new UsageError('--url, --hook-timeout and --retries apply to scale hooks and hooks only');
      if (which === 'scale-hook') {
        if (source !== undefined) throw new UsageError(`create ${k} takes one name`);
        return scaleHooks.createScaleHook(ctx, need(name, 'scale hook name'), opts);
      }
      if (which === 'event-source') {
        if (name !== 'webhook') throw new UsageError('berth create event-source webhook NAME: webhooks are the one kind of event source');
        return invoking.createWebhook(ctx, need(source, 'webhook name'), opts);
      }
      if (source !== undefined) throw new UsageError(`create ${k} takes one name`);
      if (opts.eventBus !== undefined) throw new UsageError('--event-bus applies to event sources only');
      if (which !== 'secret' && (opts.fromFile !== undefined || opts.fromLiteral !== undefined)) throw new UsageError('--from-file and --from-literal apply to secrets only');
      if (which === 'secret') {
        if ([opts.ttl, opts.uses, opts.kind].some((v) => v !== undefined)) throw new UsageError('--ttl, --uses and --kind apply to join tokens only');
        return secrets.createSecret(ctx, need(name, 'secret name'), opts);
      }
      const tokenFlags = [opts.ttl, opts.uses, opts.kind, opts.description].some((v) => v !== undefined);
      if (which !== 'join-token' && tokenFlags) throw new UsageError('--ttl, --uses, --kind and --description apply to join tokens only');
      if (which === 'join-token') {
        if (name) throw new UsageError('create join-token takes no name');
        // A token admits machines into any cluster unless --cluster names one.
        return joinTokens.createJoinToken(ctx, ctx.explicitCluster, opts);
      }
      if (which !== 'service' && opts.filename) throw new UsageError('-f applies to services only');
      if (which !== 'access-key' && opts.userName) throw new UsageError('--user-name applies to access keys only');
      if (which !== 'user' && opts.policyArn.length > 0) throw new UsageError('--policy-arn applies to users only');
      if (which === 'user') return users.createUser(ctx, need(name, 'user name'), opts.policyArn);
      if (which === 'service') {
        if (name) throw new UsageError('create service takes its name from the -f file (serviceName)');
        return services.createService(ctx, need(opts.filename, '-f FILE (CreateService input)'));
      }
      if (which === 'access-key') {
        if (name) throw new UsageError('create access-key takes no name (use --user-name)');
        return accessKeys.createAccessKey(ctx, opts.userName);
      }
      await clusters.createCluster(ctx, clusterArg(ctx, need(name, 'cluster name')));
    }));

  program.command('delete').description('delete a resource').argument('<kind>', 'cluster | service | access-key | user | user-policy | join-token | secret | event-source | scale-hook | hook').argument('[name]')
    .option('--force', 'for services: delete even while scaled above 0 (its tasks are stopped); for secrets: at once, with no recovery window')
    .option('--user-name <name>', 'for access-key: its user (default: the calling user); for user-policy: required')
    .action(run(async (ctx, k: string, name: string | undefined, opts: { force?: boolean; userName?: string }) => {
      const which = kind(k, ['cluster', 'service', 'access-key', 'user', 'user-policy', 'join-token', 'secret', 'event-source', 'scale-hook', 'hook']);
      if (which === 'event-source') return invoking.deleteWebhook(ctx, need(name, 'webhook name'));
      if (which === 'hook') return deploymentHooks.deleteHook(ctx, need(name, 'hook name'));
      if (which === 'scale-hook') return scaleHooks.deleteScaleHook(ctx, need(name, 'scale hook name'));
      if (which === 'join-token') return joinTokens.deleteJoinToken(ctx, need(name, 'join token id'));
      if (which === 'service') return services.deleteService(ctx, need(name, 'service name'), opts.force === true);
      if (which === 'secret') return secrets.deleteSecret(ctx, need(name, 'secret name'), opts.force === true);
      if (opts.force) throw new UsageError('--force applies to services and secrets only');
      if (opts.userName !== undefined && which !== 'access-key' && which !== 'user-policy') throw new UsageError('--user-name applies to access keys and user policies only');
      if (which === 'access-key') return accessKeys.deleteAccessKey(ctx, need(name, 'access key id'), opts.userName);
      if (which === 'user') return users.deleteUser(ctx, need(name, 'user name'));
      if (which === 'user-policy') return users.deleteUserPolicy(ctx, need(opts.userName, '--user-name'), need(name, 'policy name'));
      await clusters.deleteCluster(ctx, clusterArg(ctx, need(name, 'cluster name')));
    }));

  program.command('revoke').description('revoke a machine\'s certificate (lb, log-router, exporter; an agent\'s: deregister its instance)').argument('<kind>', 'certificate').argument('[serial]')
    .action(run(async (ctx, k: string, serial: string | undefined) => {
      kind(k, ['certificate']);
      await certificates.revokeCertificate(ctx, need(serial, 'certificate serial (berth get certificates)'));
    }));

  program.command('update').description("set an access key's status (IAM's UpdateAccessKey)").argument('<kind>', 'access-key').argument('[id]')
    .requiredOption('--status <status>', 'Active | Inactive (an Inactive key signs nothing)')
    .option('--user-name <name>', 'its user (default: the calling user)')
    .action(run(async (ctx, k: string, id: string | undefined, opts: { status: string; userName?: string }) => {
      kind(k, ['access-key']);
      await accessKeys.updateAccessKey(ctx, need(id, 'access key id'), opts.status, opts.userName);
    }));

  program.command('put').description("put a user's inline policy (IAM's PutUserPolicy)").argument('<kind>', 'user-policy').argument('[name]')
    .requiredOption('--user-name <name>', 'the user')
    .requiredOption('-f, --filename <file>', 'the policy document, JSON ("-" for stdin)')
    .action(run(async (ctx, k: string, name: string | undefined, opts: { userName: string; filename: string }) => {
      kind(k, ['user-policy']);
      await users.putUserPolicy(ctx, opts.userName, need(name, 'policy name'), opts.filename);
    }));

  for (const [verb, fn] of [['attach', users.attachPolicy], ['detach', users.detachPolicy]] as const) {
    program.command(verb).description(`${verb} a managed policy (IAM's ${verb === 'attach' ? 'Attach' : 'Detach'}UserPolicy)`).argument('<kind>', 'policy').argument('[arn]', 'e.g. arn:aws:iam::aws:policy/ReadOnlyAccess')
      .requiredOption('--user-name <name>', 'the user')
      .action(run(async (ctx, k: string, arn: string | undefined, opts: { userName: string }) => {
        kind(k, ['policy']);
        await fn(ctx, opts.userName, need(arn, 'policy ARN'));
      }));
  }

  program.command('apply').description('create or update clusters, task definitions and services to match files (multi-document JSON or YAML), each reported created, configured or unchanged')
    .requiredOption('-f, --filename <path>', 'a file or a directory of .json/.yaml files ("-" for stdin): CreateCluster, RegisterTaskDefinition and CreateService inputs, recognised by their members or kind:')
    .option('--wait', 'then follow each created or configured service until it is rolled out (exit 1 when one fails), as rollout status')
    .option('--timeout <seconds>', 'with --wait: give up on a service after this long', '600')
    .action(run(async (ctx, opts: { filename: string; wait?: boolean; timeout: string }) => applyCmd.apply(ctx, opts.filename, opts.wait ? seconds(opts.timeout) : undefined)));

  program.command('diff').description('show what apply -f would change; exit 0 nothing, 1 differences, 2 an error (as kubectl diff)')
    .requiredOption('-f, --filename <path>', 'as apply -f')
    .action(run(async (ctx, opts: { filename: string }) => applyCmd.diff(ctx, opts.filename)));

  program.command('scale').description("set a service's desired count (UpdateService)").argument('<kind>', 'service').argument('[name]')
    .requiredOption('--desired <n>', 'desired count')
    .action(run(async (ctx, k: string, name: string | undefined, opts: { desired: string }) => {
      kind(k, ['service']);
      await services.scale(ctx, need(name, 'service name'), opts.desired);
    }));

  program.command('rollout').description("follow, undo or list a service's deployments").argument('<action>', 'status | undo | history').argument('<kind>', 'service').argument('[name]')
    .option('--timeout <seconds>', 'for status: give up after this long (exit 1)', '600')
    .option('--to-revision <n>', 'for undo: the service revision to go back to (its REVISION in rollout history, or its ARN; default: the previous one)')
    .action(run(async (ctx, action: string, k: string, name: string | undefined, opts: { timeout: string; toRevision?: string }) => {
      kind(k, ['service']);
      const svc = need(name, 'service name');
      if (opts.toRevision !== undefined && action !== 'undo') throw new UsageError('--to-revision applies to rollout undo only');
      if (action === 'status') return services.rolloutStatus(ctx, svc, opts);
      if (action === 'undo') return rollout.rolloutUndo(ctx, svc, opts.toRevision);
      if (action === 'history') return rollout.rolloutHistory(ctx, svc);
      throw new UsageError(`unknown rollout action "${action}"; expected status, undo or history`);
    }));

  program.command('get').description('list resources').argument('<kind>', 'clusters | taskdefs | tasks | instances | services | deployments | access-keys | users | user-policies | attached-policies | join-tokens | certificates | secrets | rules | schedules | event-sources | scale-hooks').argument('[name]', 'for taskdefs: a family')
    .option('-w, --watch', 'for tasks, instances, services and deployments: then a row for each change, as it happens')
    .option('--status <status>', 'for taskdefs: ACTIVE (default) | INACTIVE | DELETE_IN_PROGRESS; for instances: ACTIVE | DRAINING | ... (default: all but INACTIVE)')
    .option('--desired-status <status>', 'for tasks: RUNNING (default) | PENDING | STOPPED')
    .option('--filter <expression>', "for instances: a cluster query language expression, e.g. 'attribute:stack == prod'")
    .option('--user-name <name>', 'for access-keys: one user\'s (default: the calling user\'s); for user-policies and attached-policies: required')
    .option('--event-bus <name>', 'for rules: the bus (default: default)')
    .option('--group <name>', 'for schedules: one schedule group\'s (default: every group\'s)')
    .action(run(async (ctx, k: string, name: string | undefined, opts: { status?: string; desiredStatus?: string; filter?: string; userName?: string; watch?: boolean; eventBus?: string; group?: string }) => {
      const which = kind(k, ['cluster', 'taskdef', 'task', 'instance', 'service', 'deployment', 'access-key', 'user', 'user-policy', 'attached-policy', 'join-token', 'certificate', 'secret', 'rule', 'schedule', 'event-source', 'scale-hook', 'hook']);
      if (opts.eventBus !== undefined && which !== 'rule') throw new UsageError('--event-bus applies to rules only');
      if (opts.group !== undefined && which !== 'schedule') throw new UsageError('--group applies to schedules only');
      if (opts.watch) checkWatchable(which);
      if (which !== 'taskdef' && name) throw new UsageError(`get ${k} takes no name; use: berth describe ${which} NAME`);
      if (opts.filter !== undefined && which !== 'instance') throw new UsageError('--filter applies to instances only');
      if (opts.userName !== undefined && !['access-key', 'user-policy', 'attached-policy'].includes(which)) throw new UsageError('--user-name applies to access keys and policies only');
      if (which === 'cluster') await clusters.getClusters(ctx);
      else if (which === 'access-key') await accessKeys.getAccessKeys(ctx, opts.userName);
      else if (which === 'user') await users.getUsers(ctx);
      else if (which === 'user-policy') await users.getUserPolicies(ctx, need(opts.userName, '--user-name'));
      else if (which === 'attached-policy') await users.getAttachedPolicies(ctx, need(opts.userName, '--user-name'));
      else if (which === 'join-token') await joinTokens.getJoinTokens(ctx);
      else if (which === 'certificate') await certificates.getCertificates(ctx);
      else if (which === 'secret') await secrets.getSecrets(ctx);
      else if (which === 'rule') await invoking.getRules(ctx, opts.eventBus);
      else if (which === 'schedule') await invoking.getSchedules(ctx, opts.group);
      else if (which === 'event-source') await invoking.getWebhooks(ctx);
      else if (which === 'scale-hook') await scaleHooks.getScaleHooks(ctx);
      else if (which === 'hook') await deploymentHooks.getHooks(ctx);
      else if (which === 'taskdef') await taskdefs.getTaskDefs(ctx, name, opts.status);
      else if (which === 'task') await tasks.getTasks(ctx, opts.desiredStatus, opts.watch);
      else if (which === 'service') await services.getServices(ctx, opts.watch);
      else if (which === 'deployment') await services.getDeployments(ctx, opts.watch);
      else await instances.getInstances(ctx, opts);
    }));

  program.command('run').description('run tasks from a task definition (RunTask)').argument('<taskdef>', 'FAMILY[:REVISION] or ARN')
    .option('--count <n>', 'number of tasks, 1 to 10', '1')
    .option('--wait', 'return when the tasks are RUNNING (exit 0) or one has STOPPED (exit 1)')
    .option('--timeout <seconds>', 'with --wait: give up after this long', '300')
    .option('--started-by <text>', 'startedBy tag of the tasks')
    .option('--group <name>', 'task group (default family:FAMILY)')
    .option('--client-token <token>', 'idempotency token')
    .option('--strategy <type[:field]>', 'placement strategy, repeatable, applied in order: binpack:cpu|memory, spread:instanceId|host|attribute:NAME, random', collect, [])
    .option('--constraint <type[:expression]>', "placement constraint, repeatable: distinctInstance, or memberOf:EXPRESSION (e.g. 'memberOf:attribute:stack == prod')", collect, [])
    .option('--enable-execute-command', 'allow berth exec into the tasks (ECS Exec\'s enableExecuteCommand)')
    .action(run(async (ctx, taskdef: string, opts: tasks.RunOptions) => tasks.run(ctx, taskdef, opts)));

  program.command('stop').description('stop a task (StopTask)').argument('<kind>', 'task').argument('[id]', 'task id or ARN')
    .option('--reason <text>', 'why (shown as stoppedReason)')
    .action(run(async (ctx, k: string, id: string | undefined, opts: { reason?: string }) => {
      kind(k, ['task']);
      await tasks.stopTask(ctx, need(id, 'task id'), opts.reason);
    }));

  program.command('describe').description('show one resource in full').argument('<kind>', 'cluster | taskdef | task | instance | service | user | user-policy | secret | lb | rule | schedule').argument('[name]')
    .option('--user-name <name>', 'for user-policy: its user (required)')
    .option('--event-bus <name>', 'for rule: its bus (default: default)')
    .option('--group <name>', 'for schedule: its group (default: default)')
    .action(run(async (ctx, k: string, name: string | undefined, opts: { userName?: string; eventBus?: string; group?: string }) => {
      const which = kind(k, ['cluster', 'taskdef', 'task', 'instance', 'service', 'user', 'user-policy', 'secret', 'lb', 'rule', 'schedule']);
      if (opts.eventBus !== undefined && which !== 'rule') throw new UsageError('--event-bus applies to rules only');
      if (opts.group !== undefined && which !== 'schedule') throw new UsageError('--group applies to schedules only');
      if (which === 'rule') return invoking.describeRule(ctx, need(name, 'rule name'), opts.eventBus);
      if (which === 'schedule') return invoking.describeSchedule(ctx, need(name, 'schedule name'), opts.group);
      if (opts.userName !== undefined && which !== 'user-policy') throw new UsageError('--user-name applies to user policies only (describe user takes the name itself)');
      if (which === 'user') return users.describeUser(ctx, name);
      if (which === 'user-policy') return users.describeUserPolicy(ctx, need(opts.userName, '--user-name'), need(name, 'policy name'));
      if (which === 'service') return services.describeService(ctx, need(name, 'service name or ARN'));
      if (which === 'secret') return secrets.describeSecret(ctx, need(name, 'secret name or ARN'));
      if (which === 'lb') return loadBalancers.describeLoadBalancer(ctx, need(name, 'load balancer name'));
      if (which === 'cluster') await clusters.describeCluster(ctx, clusterArg(ctx, name));
      else if (which === 'taskdef') await taskdefs.describeTaskDef(ctx, need(name, 'task definition (FAMILY[:REVISION] or ARN)'));
      else if (which === 'task') await tasks.describeTask(ctx, need(name, 'task id or ARN'));
      else await instances.describeInstance(ctx, need(name, 'container instance id or ARN'));
    }));

  program.command('register').description('register a task definition from a file').argument('<kind>', 'taskdef')
    .requiredOption('-f, --filename <file>', 'JSON or YAML file in the shape of `aws ecs register-task-definition --cli-input-json` ("-" for stdin)')
    .action(run(async (ctx, k: string, opts: { filename: string }) => {
      kind(k, ['taskdef']);
      await taskdefs.registerTaskDef(ctx, opts.filename);
    }));

  program.command('deregister').description('deregister a task definition revision or a container instance').argument('<kind>', 'taskdef | instance').argument('[name]', 'FAMILY:REVISION or ARN; an instance id or ARN')
    .option('--force', 'for instances: even while tasks run there (they keep running, untracked)')
    .action(run(async (ctx, k: string, name: string | undefined, opts: { force?: boolean }) => {
      const which = kind(k, ['taskdef', 'instance']);
      if (which === 'taskdef') {
        if (opts.force) throw new UsageError('--force applies to instances only');
        await taskdefs.deregisterTaskDef(ctx, need(name, 'task definition (FAMILY:REVISION or ARN)'));
      } else {
        await instances.deregisterInstance(ctx, need(name, 'container instance id or ARN'), opts.force === true);
      }
    }));

  program.command('drain').description('stop placing tasks on container instances (UpdateContainerInstancesState DRAINING)').argument('<kind>', 'instance').argument('[ids...]', 'container instance ids or ARNs (up to 10)')
    .option('--wait', 'then wait until no task runs on them (exit 1 at --timeout)')
    .option('--timeout <seconds>', 'with --wait: give up after this long', '600')
    .action(run(async (ctx, k: string, ids: string[], opts: { wait?: boolean; timeout: string }) => {
      kind(k, ['instance']);
      if (ids.length === 0) throw new UsageError('missing container instance id');
      return instances.setState(ctx, ids, 'DRAINING', opts.wait ? seconds(opts.timeout) : undefined);
    }));

  program.command('activate').description('place tasks on container instances again (UpdateContainerInstancesState ACTIVE)').argument('<kind>', 'instance').argument('[ids...]', 'container instance ids or ARNs (up to 10)')
    .action(run(async (ctx, k: string, ids: string[]) => {
      kind(k, ['instance']);
      if (ids.length === 0) throw new UsageError('missing container instance id');
      return instances.setState(ctx, ids, 'ACTIVE');
    }));

  program.command('label').description('set (KEY=VALUE, KEY) or remove (KEY-) custom attributes of a container instance (PutAttributes, DeleteAttributes)')
    .argument('<kind>', 'instance').argument('[id]', 'container instance id or ARN').argument('[attributes...]', 'KEY=VALUE, KEY, or KEY-')
    .action(run(async (ctx, k: string, id: string | undefined, specs: string[]) => {
      kind(k, ['instance']);
      await instances.label(ctx, need(id, 'container instance id'), specs);
    }));

  program.command('events').description('ECS events (task and container instance state changes), oldest kept first')
    .option('-w, --watch', 'keep streaming new events')
    .option('--all-clusters', 'events of every cluster')
    .option('--since-cursor <cursor>', 'only events after this cursor (printed on stderr at the end of a run)')
    .option('--type <type>', 'only task, instance, service or deployment events')
    .action(run(async (ctx, opts: events.EventsOptions) => events.events(ctx, opts, err)));

  program.command('logs').description('a task\'s container log (Docker\'s, through its agent), or a log group\'s events in time order (CloudWatch Logs)').argument('[task]', 'task id or ARN')
    .option('--container <name>', 'with TASK: which container (default: the task\'s only one)')
    .option('--tail <lines>', 'with TASK: only the last LINES lines')
    .option('--timestamps', 'with TASK: each line with the time Docker received it')
    .option('--group <name>', 'the log group')
    .option('--stream-prefix <prefix>', 'with --group: only streams whose names start with this')
    .option('--filter <pattern>', 'with --group: CloudWatch Logs filter pattern: terms, "phrases", -term, { $.level = "error" }')
    .option('--since <duration>', 'only what was written in the last DURATION (e.g. 10m)')
    .option('-f, --follow', 'keep printing what comes next')
    .action(run(async (ctx, task: string | undefined, opts: logs.LogsOptions & taskIo.TaskLogsOptions) => {
      if (task === undefined) {
        if (opts.container !== undefined || opts.tail !== undefined || opts.timestamps) throw new UsageError('--container, --tail and --timestamps go with a TASK');
        return logs.logs(ctx, opts);
      }
      if (opts.group !== undefined || opts.streamPrefix !== undefined || opts.filter !== undefined) throw new UsageError('--group, --stream-prefix and --filter read a log group: give either TASK or --group');
      return taskIo.logs(ctx, task, opts, taskIo.processTerminal(err));
    }));

  program.command('exec').description('run a command in a task\'s container, as ECS Exec (the task must be started with --enable-execute-command)')
    .argument('<task>', 'task id or ARN').argument('[command...]', 'after --: the command and its arguments')
    .option('--container <name>', 'which container (default: the task\'s only one)')
    .option('-i, --stdin', 'pass this terminal\'s input to the command')
    .option('-t, --tty', 'give the command a terminal (when this one is a terminal)')
    .action(run(async (ctx, task: string, command: string[], opts: taskIo.ExecOptions) => taskIo.exec(ctx, task, command, opts, taskIo.processTerminal(err))));

  program.command('top').description('CPU and memory of tasks, instances or services, busiest first (CloudWatch\'s figures; tasks and instances need Container Insights)')
    .argument('<kind>', 'tasks | instances | services')
    .option('-w, --watch', 'refresh every --interval seconds')
    .option('--interval <seconds>', 'with -w: how often', '5')
    .option('--sort-by <what>', 'cpu | memory', 'cpu')
    .action(run(async (ctx, k: string, opts: topCmd.TopOptions) => topCmd.top(ctx, kind(k, ['task', 'instance', 'service']) as 'task' | 'instance' | 'service', opts)));

  program.command('lint').description('check a task definition file against ECS\'s best practices (no call is made)')
    .requiredOption('-f, --filename <file>', 'RegisterTaskDefinition input, JSON or YAML ("-" for stdin)')
    .option('--strict', 'exit 1 when there are warnings (2 or more: an error), as kubectl diff')
    .action(run(async (ctx, opts: { filename: string; strict?: boolean }) => lint.lint(ctx, opts.filename, opts.strict === true)));

  program.command('completion').description('print a shell completion script: source <(berth completion bash)').argument('[shell]', 'bash | zsh | fish')
    .action((shell: string | undefined) => out(completion(shell)));

  const cfg = program.command('config').description('the contexts of the config file (BERTH_CONFIG, default ~/.berth/config.yaml): server, cluster, CA and access key');
  const io = { out };
  const format = (cmd: Command) => (cmd.optsWithGlobals() as GlobalOptions).output;
  cfg.command('get-contexts').description('list the contexts; * marks the current one')
    .action((_o, cmd: Command) => config.getContexts(io, format(cmd)));
  cfg.command('use-context').description('make a context the current one').argument('<name>')
    .action((name: string) => config.useContext(io, name));
  cfg.command('set-context').description('create or change a context from --server, --cluster and --ca-cert (a new one starts from the current one\'s CA and access key)').argument('<name>')
    .action((name: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      config.setContext(io, name, { ...(g.cluster !== undefined ? { cluster: g.cluster } : {}), ...(g.server !== undefined ? { server: g.server } : {}), ...(g.caCert !== undefined ? { caCert: g.caCert } : {}) });
    });
  cfg.command('view').description('print the config file, secrets redacted')
    .action((_o, cmd: Command) => config.view(io, format(cmd)));

  addExamples(program);
  return program;
}

/**
 * What the completion scripts ask (`berth __complete WORDS...`, the last word the one being typed): the
 * candidates, one per line. It bypasses the parser, since the words are half-typed commands (a `--help` among
 * them must not print help). Completing prints no error: a control plane out of reach completes no names.
 */
async function complete(program: Command, words: string[], out: (s: string) => void): Promise<number> {
  const flag = (name: string) => {
    const i = words.lastIndexOf(name, words.length - 2);
    return i >= 0 ? words[i + 1] : undefined;
  };
  const global: GlobalOptions = { output: 'table' };
  for (const [key, name] of [['server', '--server'], ['context', '--context'], ['caCert', '--ca-cert']] as const) {
    const v = flag(name);
    if (v !== undefined) global[key] = v;
  }
  const names = async (k: string, cluster: string | undefined, of?: string) => {
    let ctx: CommandContext | undefined;
    try {
      ctx = makeContext({ ...global, ...(cluster !== undefined ? { cluster } : {}) }, out);
      return await lookupNames(ctx)(k, undefined, of);
    } catch {
      return [];
    } finally {
      ctx?.client.close();
    }
  };
  for (const c of await candidates(program, words, (k) => KINDS[k], names)) out(`${c}\n`);
  return 0;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[], out = writeStdout, err = (s: string) => void process.stderr.write(s)): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(out, err, state);
  if (argv[0] === '__complete') return complete(program, argv.slice(1), out);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    if (e instanceof UsageError) {
      err(`error: ${e.message}\n`);
      return 2;
    }
    if (isBerthError(e)) {
      // The service's message alone, as AWS clients see it; the field at fault beside it, on its own line.
      err(`${e.ecsName}: ${e.message}\n${e.field ? `  field: ${e.field}\n` : ''}`);
      return 1;
    }
    err(`error: ${(e as Error).message ?? e}\n`);
    return 1;
  }
}
