// CloudWatch Logs (JSON 1.1, SigV4 service `logs`) on the log store: the calls Docker's awslogs driver,
// `aws logs` and the SDKs make. The seam has checked each request against the model and authorized it
// (logs:ACTION on the group's ARN; PutLogEvents on the stream's); the log store decides and answers in
// CloudWatch's errors. Members Berth cannot act on are refused naming them, never ignored.
import { BerthError, FilterPatternError, LOGS_API, logGroupArn, logGroupNameOf, logStreamArn, parseFilterPattern, unsupportedSentence, type Identity, type Logs } from '@berth/core';
import type { ActionTable } from '@berth/api';
import type { LogStore } from '@berth/log-store';

/** What Berth has not built, in CloudWatch Logs' own error (its model has no UnsupportedFeatureException). */
function unsupported(member: string, why: string): BerthError {
  return new BerthError('InvalidParameterException', unsupportedSentence('The request', member, why), member);
}

/** Refuses the members of a request Berth does not act on (present and not at their neutral value). */
function refuse(req: object, members: Record<string, string>): void {
  for (const [member, why] of Object.entries(members)) {
    const v = (req as Record<string, unknown>)[member];
    if (v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0)) throw unsupported(member, why);
  }
}

/** The group a request names by logGroupName or logGroupIdentifier (one of them, as CloudWatch requires). */
function groupOf(req: { logGroupName?: string; logGroupIdentifier?: string }): string {
  if (req.logGroupName !== undefined && req.logGroupIdentifier !== undefined) {
    throw new BerthError('InvalidParameterException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.', 'logGroupIdentifier');
  }
  const g = req.logGroupName ?? (req.logGroupIdentifier !== undefined ? logGroupNameOf(req.logGroupIdentifier) : undefined);
  if (g === undefined) throw new BerthError('InvalidParameterException', 'Should provide either logGroupName or logGroupIdentifier.', 'logGroupName');
  return g;
}

function pattern(text: string | undefined) {
  try {
    return parseFilterPattern(text);
  } catch (e) {
    if (e instanceof FilterPatternError) throw new BerthError('InvalidParameterException', e.message, 'filterPattern');
    throw e;
  }
}

/** The members of `req` named in `keys` that are present (the log store's queries take absent as absent). */
function present<T extends object, K extends keyof T>(req: T, keys: K[]): { [P in K]?: Exclude<T[P], undefined> } {
  return Object.fromEntries(keys.filter((k) => req[k] !== undefined).map((k) => [k, req[k]])) as { [P in K]?: Exclude<T[P], undefined> };
}

const NO_KMS = 'log data is not encrypted with AWS KMS keys (Berth has no KMS)';

export function logsActionTable(identity: Identity, logs: LogStore): ActionTable {
  const handlers: { [A in keyof Logs.LogsActions]?: (req: Logs.LogsActions[A]['request']) => Promise<Logs.LogsActions[A]['response']> } = {
    CreateLogGroup: async (req) => {
      refuse(req, { kmsKeyId: NO_KMS, tags: 'log groups carry no tags in Berth', deletionProtectionEnabled: 'log groups have no deletion protection in Berth' });
      if (req.logGroupClass !== undefined && req.logGroupClass !== 'STANDARD') throw unsupported('logGroupClass', 'every log group is of the STANDARD class');
      await logs.createLogGroup(req.logGroupName);
      return {};
    },
    DeleteLogGroup: async (req) => {
      await logs.deleteLogGroup(req.logGroupName);
      return {};
    },
    DescribeLogGroups: async (req) => {
      refuse(req, {
        accountIdentifiers: 'there are no linked accounts', includeLinkedAccounts: 'there are no linked accounts',
        logGroupClass: 'every log group is of the STANDARD class', logGroupIdentifiers: 'use logGroupNamePrefix or logGroupNamePattern',
      });
      const page = await logs.describeLogGroups(present(req, ['logGroupNamePrefix', 'logGroupNamePattern', 'nextToken', 'limit']));
      return {
        logGroups: page.items.map((g) => ({
          ...g, metricFilterCount: 0, arn: logGroupArn(identity, g.logGroupName), logGroupArn: logGroupArn(identity, g.logGroupName).slice(0, -2), logGroupClass: 'STANDARD',
        })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
    PutRetentionPolicy: async (req) => {
      await logs.putRetentionPolicy(req.logGroupName, req.retentionInDays);
      return {};
    },
    DeleteRetentionPolicy: async (req) => {
      await logs.putRetentionPolicy(req.logGroupName, undefined);
      return {};
    },
    CreateLogStream: async (req) => {
      await logs.createLogStream(req.logGroupName, req.logStreamName);
      return {};
    },
    DeleteLogStream: async (req) => {
      await logs.deleteLogStream(req.logGroupName, req.logStreamName);
      return {};
    },
    DescribeLogStreams: async (req) => {
      const group = groupOf(req);
      const page = await logs.describeLogStreams(group, present(req, ['logStreamNamePrefix', 'orderBy', 'descending', 'nextToken', 'limit']));
      return {
        logStreams: page.items.map((s) => ({ ...s, arn: logStreamArn(identity, group, s.logStreamName) })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
    PutLogEvents: async (req) => {
      refuse(req, { entity: 'log events carry no entity in Berth' });
      return logs.putLogEvents(req.logGroupName, req.logStreamName, req.logEvents, req.sequenceToken);
    },
    GetLogEvents: async (req) => {
      refuse(req, { unmask: 'Berth has no data protection policies, so nothing is masked' });
      const r = await logs.getLogEvents(groupOf(req), req.logStreamName, present(req, ['startTime', 'endTime', 'startFromHead', 'nextToken', 'limit']));
      return { events: r.events.map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })), nextForwardToken: r.nextForwardToken, nextBackwardToken: r.nextBackwardToken };
    },
    // `interleaved` is deprecated and always true in CloudWatch: events of every stream come in time order, as here.
    FilterLogEvents: async (req) => {
      refuse(req, { unmask: 'Berth has no data protection policies, so nothing is masked' });
      if (req.logStreamNames !== undefined && req.logStreamNamePrefix !== undefined) {
        throw new BerthError('InvalidParameterException', 'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.', 'logStreamNamePrefix');
      }
      const page = await logs.filterLogEvents(groupOf(req), {
        pattern: pattern(req.filterPattern),
        ...present(req, ['logStreamNames', 'logStreamNamePrefix', 'startTime', 'endTime', 'nextToken', 'limit']),
      });
      return { events: page.items, searchedLogStreams: [], ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
  };
  return { api: LOGS_API, handlers: handlers as ActionTable['handlers'] };
}
