// What every command gets: the client, the cluster it addresses, the output format, and the rules
// for resolving a cluster from --cluster, an ARN argument or a -f file.
import { readFileSync } from 'node:fs';
import { BerthClient } from '@berth/api';
import { parseArn } from '@berth/core';
import type { Format } from './output.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface GlobalOptions {
  server?: string;
  cluster?: string;
  /** The cluster CA's certificate file: TLS to a server started with --tls. */
  caCert?: string;
  output: Format;
}

export interface CommandContext {
  client: BerthClient;
  output: Format;
  /** The cluster for this command: --cluster, else one implied by an ARN or file, else default. */
  cluster(implied?: string): string;
  /** --cluster as given (undefined when absent). */
  explicitCluster?: string;
  out(text: string): void;
}

export function makeContext(opts: GlobalOptions, out: (s: string) => void): CommandContext {
  const servers = opts.server ?? process.env.BERTH_SERVER ?? '127.0.0.1:7420';
  const caFile = opts.caCert ?? process.env.BERTH_CA_CERT;
  let caPem: string | undefined;
  try {
    if (caFile) caPem = readFileSync(caFile, 'utf8');
  } catch (e) {
    throw new UsageError(`--ca-cert: cannot read ${caFile}: ${(e as Error).message}`);
  }
  return {
    client: new BerthClient(servers, caPem ? { tls: { caPem } } : {}),
    ...(opts.cluster !== undefined ? { explicitCluster: opts.cluster } : {}),
    output: opts.output,
    out,
    cluster(implied) {
      if (opts.cluster !== undefined && implied !== undefined && implied !== opts.cluster) {
        throw new UsageError(`--cluster ${opts.cluster} disagrees with cluster ${implied} named by the argument or file`);
      }
      return opts.cluster ?? implied ?? 'default';
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
