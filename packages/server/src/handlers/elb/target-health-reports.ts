// ReportTargetHealth (Berth's fleet service): a load-balancer machine says what its HAProxy's checks
// say of its targets. Only a certificate of kind lb may report (certificate-callers.ts), each report
// under its own machine's id, so machines never overwrite each other's word.
import { BerthError, parseTargetGroupArn } from '@berth/core';
import type { CallContext } from '@berth/api';
import type { Op } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { commitInBatches } from '../../state/kit.js';
import { getTargetGroup } from '../../state/target-groups.js';
import { putTargetHealthOp, type TargetHealthRecord } from '../../state/target-health.js';

export interface TargetHealthReportInput {
  targetGroupArn: string;
  id: string;
  port: number;
  healthy: boolean;
  reason?: TargetHealthRecord['reason'];
  detail?: string;
}

export async function reportTargetHealth(ctx: ServerContext, req: { reports: TargetHealthReportInput[] }, call: CallContext): Promise<Record<string, never>> {
  const c = call.caller;
  if (c.kind !== 'component' || c.component !== 'lb') throw new BerthError('AccessDeniedException', 'Only a load-balancer machine (berth-lb, joined with a token of kind lb) reports target health.');
  const groupIds = new Map<string, string | undefined>();
  const ops: Op[] = [];
  const at = ctx.now();
  for (const r of req.reports) {
    if (!groupIds.has(r.targetGroupArn)) {
      const ref = parseTargetGroupArn(r.targetGroupArn);
      const tg = ref && (await getTargetGroup(ctx.store, ref.name));
      groupIds.set(r.targetGroupArn, tg && tg.value.targetGroup.TargetGroupArn === r.targetGroupArn ? tg.value.id : undefined);
    }
    // A group deleted meanwhile: its reports have nowhere to go.
    const groupId = groupIds.get(r.targetGroupArn);
    if (groupId === undefined) continue;
    ops.push(putTargetHealthOp(groupId, `${r.id}:${r.port}`, c.id, { healthy: r.healthy, ...(r.reason ? { reason: r.reason } : {}), ...(r.detail ? { detail: r.detail } : {}), at }));
  }
  await commitInBatches(ctx.store, ops);
  return {};
}
