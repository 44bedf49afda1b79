// berth: `berth VERB [KIND] [NAME] [flags]`, kubectl's shape over the ECS model.
// Exit codes: 0 ok, 1 error (the ECS error name and message on stderr), 2 usage.
import { Command, CommanderError, Option } from 'commander';
import { isBerthError } from '@berth/core';
import { clusterFromArn, makeContext, UsageError, type CommandContext, type GlobalOptions } from './context.js';
import { FORMATS } from './output.js';
import * as clusters from './commands/clusters.js';
import * as taskdefs from './commands/taskdefs.js';

const KINDS: Record<string, string> = {
  cluster: 'cluster', clusters: 'cluster',
  taskdef: 'taskdef', taskdefs: 'taskdef', 'task-definition': 'taskdef', 'task-definitions': 'taskdef', td: 'taskdef',
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

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

export function buildProgram(out: (s: string) => void, err: (s: string) => void): Command {
  const program = new Command('berth')
    .description('Berth: ECS on machines you own')
    .addOption(new Option('--server <addrs>', 'control plane address(es), comma-separated (env BERTH_SERVER)'))
    .addOption(new Option('--cluster <name>', 'cluster name or ARN (default: default)'))
    .addOption(new Option('-o, --output <format>', 'output format').choices(FORMATS as string[]).default('table'))
    .showHelpAfterError()
    .configureOutput({ writeOut: out, writeErr: err })
    .exitOverride();

  const run = (fn: (ctx: CommandContext, ...a: any[]) => Promise<void>) =>
    async (...a: any[]) => {
      const cmd = a[a.length - 1] as Command;
      const ctx = makeContext(cmd.optsWithGlobals() as GlobalOptions, out);
      try {
        await fn(ctx, ...a.slice(0, -2), a[a.length - 2]);
      } finally {
        ctx.client.close();
      }
    };

  program.command('create').description('create a resource').argument('<kind>', 'cluster').argument('[name]')
    .action(run(async (ctx, k: string, name: string | undefined) => {
      kind(k, ['cluster']);
      await clusters.createCluster(ctx, clusterArg(ctx, need(name, 'cluster name')));
    }));

  program.command('delete').description('delete a resource').argument('<kind>', 'cluster').argument('[name]')
    .action(run(async (ctx, k: string, name: string | undefined) => {
      kind(k, ['cluster']);
      await clusters.deleteCluster(ctx, clusterArg(ctx, need(name, 'cluster name')));
    }));

  program.command('get').description('list resources').argument('<kind>', 'clusters | taskdefs').argument('[name]', 'for taskdefs: a family')
    .option('--status <status>', 'for taskdefs: ACTIVE (default) | INACTIVE | DELETE_IN_PROGRESS')
    .action(run(async (ctx, k: string, name: string | undefined, opts: { status?: string }) => {
      if (kind(k, ['cluster', 'taskdef']) === 'cluster') {
        if (name) throw new UsageError('get clusters takes no name; use: berth describe cluster NAME');
        await clusters.getClusters(ctx);
      } else {
        await taskdefs.getTaskDefs(ctx, name, opts.status);
      }
    }));

  program.command('describe').description('show one resource in full').argument('<kind>', 'cluster | taskdef').argument('[name]')
    .action(run(async (ctx, k: string, name: string | undefined) => {
      if (kind(k, ['cluster', 'taskdef']) === 'cluster') await clusters.describeCluster(ctx, clusterArg(ctx, name));
      else await taskdefs.describeTaskDef(ctx, need(name, 'task definition (FAMILY[:REVISION] or ARN)'));
    }));

  program.command('register').description('register a task definition from a file').argument('<kind>', 'taskdef')
    .requiredOption('-f, --filename <file>', 'JSON or YAML file in the shape of `aws ecs register-task-definition --cli-input-json` ("-" for stdin)')
    .action(run(async (ctx, k: string, opts: { filename: string }) => {
      kind(k, ['taskdef']);
      await taskdefs.registerTaskDef(ctx, opts.filename);
    }));

  program.command('deregister').description('deregister a task definition revision').argument('<kind>', 'taskdef').argument('[name]', 'FAMILY:REVISION or ARN')
    .action(run(async (ctx, k: string, name: string | undefined) => {
      kind(k, ['taskdef']);
      await taskdefs.deregisterTaskDef(ctx, need(name, 'task definition (FAMILY:REVISION or ARN)'));
    }));

  return program;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[], out = (s: string) => void process.stdout.write(s), err = (s: string) => void process.stderr.write(s)): Promise<number> {
  const program = buildProgram(out, err);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    if (e instanceof UsageError) {
      err(`error: ${e.message}\n`);
      return 2;
    }
    if (isBerthError(e)) {
      err(`${e.ecsName}: ${e.message}${e.field && !e.message.includes(e.field) ? ` (field: ${e.field})` : ''}\n`);
      return 1;
    }
    err(`error: ${(e as Error).message ?? e}\n`);
    return 1;
  }
}
