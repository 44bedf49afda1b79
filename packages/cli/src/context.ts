// What every command gets: the client, the cluster it addresses, the output format, and the rules
// for resolving a cluster from --cluster, an ARN argument or a -f file. Where the client goes, and with what
// credentials: flags (and their BERTH_* variables) override the config file's context (BERTH_CONFIG,
// default ~/.berth/config.yaml; --context, else its current context), which overrides the defaults.
import { readFileSync } from 'node:fs';
import { clientForContext, defaultCliConfigPath, readCliConfig, type CliContext } from '@berth/api';
import { parseArn } from '@berth/core';
import type { Format } from './output.js';
import { progress, type Progress } from './progress.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface GlobalOptions {
  server?: string;
  cluster?: string;
  /** The cluster CA's certificate file (PEM): TLS trusting it alone. */
  caCert?: string;
  /** The config file's context to use (default: its current context). */
  context?: string;
  output: Format;
}

export interface CommandContext {
  client: ReturnType<typeof clientForContext>;
  output: Format;
  /** The cluster for this command: --cluster, else one implied by an ARN or file, else default. */
  cluster(implied?: string): string;
  /** --cluster as given (undefined when absent). */
  explicitCluster?: string;
  out(text: string): void;
  /**
   * Progress of long work: a bar on a terminal, plain lines otherwise. On stdout (rollout status, whose output
   * it is) it draws only for -o table; on stderr (run --wait, drain --wait) beside any output.
   */
  progress(on: 'stdout' | 'stderr'): Progress;
}

/** The config file's context a command uses: --context, else the current one; none when there is no file. */
export function configContext(name: string | undefined, env: NodeJS.ProcessEnv = process.env): CliContext | undefined {
  const path = defaultCliConfigPath(env);
  let config;
  try {
    config = readCliConfig(path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const want = name ?? config.currentContext;
  if (want === undefined) return undefined;
  const found = config.contexts.find((c) => c.name === want);
  if (!found) throw new UsageError(`no context "${want}" in ${path} (berth config get-contexts lists them)`);
  return found;
}

/** The context a command runs with: the config file's, each part overridden by a flag or variable given. */
export function effectiveContext(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): CliContext {
  const base = configContext(opts.context, env);
  const caFile = opts.caCert ?? env.BERTH_CA_CERT;
  let caPem = base?.certificateAuthority;
  try {
    if (caFile) caPem = readFileSync(caFile, 'utf8');
  } catch (e) {
    throw new UsageError(`--ca-cert: cannot read ${caFile}: ${(e as Error).message}`);
  }
  const keyId = env.BERTH_ACCESS_KEY_ID ?? base?.accessKeyId;
  const secret = env.BERTH_SECRET_ACCESS_KEY ?? base?.secretAccessKey;
  return {
    name: base?.name ?? '(flags)',
    server: opts.server ?? env.BERTH_SERVER ?? base?.server ?? '127.0.0.1:7420',
    ...(base?.cluster ? { cluster: base.cluster } : {}),
    ...(caPem ? { certificateAuthority: caPem } : {}),
    ...(keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret } : {}),
  };
}

/** The CLI's own stdout writer: progress draws a bar only when output goes there and it is a terminal. */
export const writeStdout = (s: string) => void process.stdout.write(s);

export function makeContext(opts: GlobalOptions, out: (s: string) => void): CommandContext {
  const c = effectiveContext(opts);
  // The context's cluster is a default: an ARN or a file naming another wins over it, as over `default`.
  const fallback = c.cluster ?? 'default';
  return {
    client: clientForContext(c),
    ...(opts.cluster !== undefined ? { explicitCluster: opts.cluster } : {}),
    output: opts.output,
    out,
    progress(on) {
      if (on === 'stderr') return progress(process.stderr);
      const table = opts.output === 'table' || opts.output === 'wide';
      return progress({ isTTY: table && process.stdout.isTTY && out === writeStdout, columns: process.stdout.columns, write: out });
    },
    cluster(implied) {
      if (opts.cluster !== undefined && implied !== undefined && implied !== opts.cluster) {
        throw new UsageError(`--cluster ${opts.cluster} disagrees with cluster ${implied} named by the argument or file`);
      }
      return opts.cluster ?? implied ?? fallback;
    },
  };
}

/** The cluster a full ARN names (task/CLUSTER/ID, service/CLUSTER/NAME, cluster/NAME, ...), if any. */
export function clusterFromArn(ref: string): string | undefined {
  const arn = parseArn(ref);
  if (!arn) return undefined;
  if (arn.resourceType === 'cluster') return arn.resource;
  const parts = arn.resource.split('/');
  return parts.length >= 2 && arn.resourceType !== 'task-definition' ? parts[0] : undefined;
}
