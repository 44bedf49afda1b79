// berth describe rule|schedule, against golden files: what EventBridge's and Scheduler's calls answered and
// the last invocations (tasks started, or the failure), as text; -o json prints the same object.
// BERTH_UPDATE_GOLDEN=1 rewrites the golden files from what the code prints now (then read the diff).
import t, { type Test } from 'tap';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ruleText, scheduleText, type RuleView, type ScheduleView } from '../src/commands/invoking.js';
import { parseFormat, render } from '../src/output.js';

const GOLDEN = fileURLToPath(new URL('../../test/golden/', import.meta.url));

function golden(t: Test, name: string, actual: string): void {
  const file = `${GOLDEN}${name}`;
  if (process.env.BERTH_UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  t.equal(actual, readFileSync(file, 'utf8'), `golden ${name}`);
}

const ACCOUNT = 'arn:aws:ecs:us-east-1:000000000000';
const ROLE = 'arn:aws:iam::000000000000:role/run-tasks';
const T0 = Date.UTC(2026, 11, 2, 9, 30) / 1000;

const rule: RuleView = {
  rule: {
    Name: 'after-import', Arn: 'arn:aws:events:us-east-1:000000000000:rule/after-import', EventBusName: 'default', State: 'ENABLED',
    EventPattern: '{"source":["aws.ecs"],"detail-type":["ECS Task State Change"],"detail":{"group":["family:import"],"lastStatus":["STOPPED"]}}',
    Description: 'report after each import',
  },
  targets: [
    { Id: 'report', Arn: `${ACCOUNT}:cluster/prod`, RoleArn: ROLE, EcsParameters: { TaskDefinitionArn: 'report', TaskCount: 1 }, InputTransformer: { InputPathsMap: { arn: '$.detail.taskArn' }, InputTemplate: '{}' } },
    { Id: 'audit', Arn: `${ACCOUNT}:cluster/prod`, RoleArn: ROLE, EcsParameters: { TaskDefinitionArn: `${ACCOUNT}:task-definition/audit:4`, TaskCount: 2 } },
  ],
  invocations: [
    { time: T0 + 60, eventId: '6a7e8d1c-0b1f-4c55-9d0e-3f2b1a0c9d8e', targetId: 'audit', failure: 'ecs:RunTask: No Container Instances were found in your cluster.' },
    { time: T0, eventId: '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0', targetId: 'report', taskArns: [`${ACCOUNT}:task/prod/0f1e2d3c4b5a69788796a5b4c3d2e1f0`] },
  ],
};

const schedule: ScheduleView = {
  schedule: {
    Name: 'nightly', Arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly', GroupName: 'default', State: 'ENABLED',
    ScheduleExpression: 'cron(30 2 * * ? *)', ScheduleExpressionTimezone: 'Europe/Berlin', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
    StartDate: T0, ActionAfterCompletion: 'NONE',
    Target: { Arn: `${ACCOUNT}:cluster/prod`, RoleArn: ROLE, EcsParameters: { TaskDefinitionArn: 'report' }, RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 } },
  },
  invocations: [{ time: T0, occurrence: '2026-12-02T01:30:00Z', taskArns: [] }, { time: T0 - 86400, occurrence: '2026-12-01T01:30:00Z', failure: 'the occurrence was 7200 s old, past MaximumEventAgeInSeconds (3600): not run' }],
};

t.test('describe rule, golden', async (t) => {
  golden(t, 'rule.describe.txt', render(parseFormat('table'), rule, () => ruleText(rule)));
  t.same(JSON.parse(render(parseFormat('json'), rule, () => ruleText(rule))), rule, '-o json prints the calls\' answers as they came');
  golden(t, 'rule.describe-empty.txt', ruleText({ rule: { ...rule.rule, EventPattern: undefined, ScheduleExpression: 'rate(1 hour)', Description: undefined } as RuleView['rule'], targets: [], invocations: [] }));
});

t.test('describe schedule, golden', async (t) => {
  golden(t, 'schedule.describe.txt', scheduleText(schedule));
});
