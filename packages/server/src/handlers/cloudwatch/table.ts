// CloudWatch (SigV4 service `monitoring`), served in both of its protocols by the AWS listener: query with
// XML (Debian's AWS CLI) and JSON 1.0 `awsQueryCompatible` (newer SDKs). Berth serves the metrics it derives
// itself (metrics.ts) and the alarms it evaluates (alarms.ts); every other action of the model answers "unsupported" naming it.
import { CLOUDWATCH_API, type Cloudwatch } from '@berth/core';
import type { ActionTable } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { getMetricData, getMetricStatistics, listMetrics, type MetricReader } from './metrics.js';
import { deleteAlarms, describeAlarms, putMetricAlarm, setAlarmState, type AlarmContext } from './alarms.js';

export function cloudwatchActionTable(ctx: ServerContext, opts: { retentionSeconds: number }): ActionTable {
  const reader: MetricReader = { store: ctx.store, identity: ctx.identity, now: ctx.now, retentionSeconds: opts.retentionSeconds };
  const alarms: AlarmContext = { ...reader, ...(ctx.promql ? { promql: ctx.promql } : {}) };
  return {
    api: CLOUDWATCH_API,
    handlers: {
      GetMetricStatistics: (req: Cloudwatch.GetMetricStatisticsInput) => getMetricStatistics(reader, req),
      GetMetricData: (req: Cloudwatch.GetMetricDataInput) => getMetricData(reader, req),
      ListMetrics: (req: Cloudwatch.ListMetricsInput) => listMetrics(reader, req),
      PutMetricAlarm: (req: Cloudwatch.PutMetricAlarmInput) => putMetricAlarm(alarms, req),
      DescribeAlarms: (req: Cloudwatch.DescribeAlarmsInput) => describeAlarms(reader, req),
      DeleteAlarms: (req: Cloudwatch.DeleteAlarmsInput) => deleteAlarms(reader, req),
      SetAlarmState: (req: Cloudwatch.SetAlarmStateInput) => setAlarmState(reader, req),
    },
  };
}
