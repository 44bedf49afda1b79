// EventBridge's and EventBridge Scheduler's entries of the authorization table, per the Service Authorization
// Reference: an action on a rule, a bus, a schedule or a schedule group is checked on its ARN (the bus and
// the group default as the APIs do); listings and TestEventPattern on `*`. PutEvents is checked on the
// buses its entries name. As for every entry, a member absent or malformed leaves the resource `*`.
import type { ActionAuthorization } from '../iam/authorization-table.js';
import { DEFAULT_SCHEDULE_GROUP, eventBusArn, eventBusNameOf, eventRuleArn, scheduleArn, scheduleGroupArn } from './arns.js';

type Request = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const NAME = /^[\w.-]{1,64}$/;
const BUS = /^[\w.-]{1,256}$/;

const everything: ActionAuthorization = { resourceType: '*', resources: () => ['*'] };
/** The rule a request names by `member` on its EventBusName. */
const rule = (member: string): ActionAuthorization => ({
  resourceType: 'rule',
  resources: (req, env) => {
    const name = str(req[member]);
    const bus = eventBusNameOf(str(req.EventBusName));
    return name !== undefined && NAME.test(name) && BUS.test(bus) ? [eventRuleArn(env.identity, bus, name)] : ['*'];
  },
});
const bus: ActionAuthorization = {
  resourceType: 'event-bus',
  resources: (req, env) => {
    const name = eventBusNameOf(str(req.Name));
    return BUS.test(name) ? [eventBusArn(env.identity, name)] : ['*'];
  },
};
const schedule: ActionAuthorization = {
  resourceType: 'schedule',
  resources: (req, env) => {
    const name = str(req.Name);
    const group = str(req.GroupName) ?? DEFAULT_SCHEDULE_GROUP;
    return name !== undefined && NAME.test(name) && NAME.test(group) ? [scheduleArn(env.identity, group, name)] : ['*'];
  },
};
const group: ActionAuthorization = {
  resourceType: 'schedule-group',
  resources: (req, env) => {
    const name = str(req.Name);
    return name !== undefined && NAME.test(name) ? [scheduleGroupArn(env.identity, name)] : ['*'];
  },
};

export const EVENTS_AUTHORIZATION: Readonly<Record<string, ActionAuthorization>> = {
  'events:PutRule': rule('Name'),
  'events:DescribeRule': rule('Name'),
  'events:EnableRule': rule('Name'),
  'events:DisableRule': rule('Name'),
  'events:DeleteRule': rule('Name'),
  'events:PutTargets': rule('Rule'),
  'events:RemoveTargets': rule('Rule'),
  'events:ListTargetsByRule': rule('Rule'),
  'events:ListRules': everything,
  'events:ListRuleNamesByTarget': everything,
  'events:TestEventPattern': everything,
  'events:PutEvents': {
    resourceType: 'event-bus',
    resources: (req, env) => {
      const entries = Array.isArray(req.Entries) ? (req.Entries as Request[]) : [];
      const buses = [...new Set(entries.map((e) => eventBusNameOf(str(e?.EventBusName))))];
      return buses.length > 0 && buses.every((b) => BUS.test(b)) ? buses.map((b) => eventBusArn(env.identity, b)) : ['*'];
    },
  },
  'events:CreateEventBus': bus,
  'events:DeleteEventBus': bus,
  'events:DescribeEventBus': bus,
  'events:ListEventBuses': everything,
  'scheduler:CreateSchedule': schedule,
  'scheduler:GetSchedule': schedule,
  'scheduler:UpdateSchedule': schedule,
  'scheduler:DeleteSchedule': schedule,
  'scheduler:ListSchedules': everything,
  'scheduler:CreateScheduleGroup': group,
  'scheduler:GetScheduleGroup': group,
  'scheduler:DeleteScheduleGroup': group,
  'scheduler:ListScheduleGroups': everything,
};
