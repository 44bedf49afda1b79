// berth events [-w] [--all-clusters] [--since-cursor CURSOR] [--type task|instance|service|deployment]: the ECS event
// stream (BerthEvents.WatchEvents). Table rows as events arrive; -o json one EventBridge envelope per
// line; -o yaml one document per event. Without -w it ends once caught up and writes the cursor to
// resume from on stderr.
import { CONTAINER_INSTANCE_STATE_CHANGE, DEPLOYMENT_STATE_CHANGE, SERVICE_ACTION, TASK_STATE_CHANGE, eventSummary, resourceId, type EcsEvent } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { stringify } from 'yaml';
import { render } from '../output.js';

export interface EventsOptions {
  watch?: boolean;
  allClusters?: boolean;
  sinceCursor?: string;
  type?: string;
}

const TYPES: Record<string, string> = {
  task: TASK_STATE_CHANGE, tasks: TASK_STATE_CHANGE, instance: CONTAINER_INSTANCE_STATE_CHANGE, instances: CONTAINER_INSTANCE_STATE_CHANGE,
  service: SERVICE_ACTION, services: SERVICE_ACTION, deployment: DEPLOYMENT_STATE_CHANGE, deployments: DEPLOYMENT_STATE_CHANGE,
};
/** The TYPE column. */
const SHORT: Record<string, string> = {
  [TASK_STATE_CHANGE]: 'task', [CONTAINER_INSTANCE_STATE_CHANGE]: 'instance', [SERVICE_ACTION]: 'service', [DEPLOYMENT_STATE_CHANGE]: 'deployment',
};

/** What --type takes (completion offers them). */
export const EVENT_TYPES = Object.values(SHORT);

/** Fixed-width columns: rows print as they arrive, so widths cannot be measured first. */
const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') + '\n';

export async function events(ctx: CommandContext, opts: EventsOptions, err: (s: string) => void): Promise<void> {
  // Only an explicit --cluster conflicts: a context's cluster is a default, which --all-clusters overrides.
  if (opts.allClusters && ctx.explicitCluster !== undefined) throw new UsageError('--all-clusters and --cluster exclude each other');
  const cluster = opts.allClusters ? undefined : ctx.cluster();
  let detailTypes: string[] = [];
  if (opts.type !== undefined) {
    const t = TYPES[opts.type];
    if (!t) throw new UsageError(`--type must be task, instance, service or deployment (got ${opts.type})`);
    detailTypes = [t];
  }
  const stream = ctx.client.watchEvents({
    ...(cluster !== undefined ? { cluster } : {}),
    ...(opts.sinceCursor ? { cursor: opts.sinceCursor } : {}),
    follow: opts.watch === true,
    detailTypes,
  });
  const widths = cluster === undefined ? [20, 20, 10, 32] : [20, 10, 32];
  let header = false;
  let cursor: string | undefined;
  for await (const m of stream) {
    if (m.caughtUp || m.event === undefined) continue;
    cursor = m.cursor;
    const e = JSON.parse(m.event) as EcsEvent;
    if (ctx.output === 'json') ctx.out(JSON.stringify(e) + '\n');
    else if (ctx.output === 'yaml') ctx.out('---\n' + stringify(e));
    else if (ctx.output === 'name') ctx.out(`event/${e.id}\n`);
    else if (ctx.output.startsWith('jsonpath=')) ctx.out(render(ctx.output, e, () => ''));
    else {
      if (!header) {
        ctx.out(row([...(cluster === undefined ? ['CLUSTER'] : []), 'TIME', 'TYPE', 'RESOURCE', 'STATUS'], widths));
        header = true;
      }
      const s = eventSummary(e);
      const clusterCol = String(e.detail.clusterArn ?? '').replace(/^.*:cluster\//, '');
      ctx.out(row([
        ...(cluster === undefined ? [clusterCol] : []), e.time, SHORT[e['detail-type']] ?? e['detail-type'],
        resourceId(s.resource), e.detail.version !== undefined ? `${s.status} v${String(e.detail.version)}` : s.status,
      ], widths));
    }
  }
  if (ctx.output === 'table' && !header) ctx.out('No events.\n');
  if (cursor !== undefined) err(`cursor: ${cursor}\n`);
}
