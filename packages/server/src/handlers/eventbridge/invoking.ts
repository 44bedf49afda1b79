// Berth's invoking service (core/eventbridge/invoking-api.ts): webhooks in, and the recent invocations of a
// rule or a schedule. A webhook's token is shown once, at creation; the store keeps its hash
// (invoking/webhook-receiver.ts checks a POST's token against it).
import { createHash, randomBytes } from 'node:crypto';
import { BerthError, DEFAULT_SCHEDULE_GROUP, INVOKING_API, eventBusNameOf } from '@berth/core';
import type { ActionTable } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { createWebhook, deleteWebhook, listWebhooks, type WebhookRecord } from '../../state/webhooks.js';
import { recentInvocations, ruleInvocationOwner, scheduleInvocationOwner } from '../../state/invocations.js';
import { getSchedule } from '../../state/schedules.js';
import { existingBus, existingRule } from './common.js';

/** Where webhooks are served on the AWS listener: POST WEBHOOK_PATH + NAME. */
export const WEBHOOK_PATH = '/webhooks/';
/** The header a webhook's token travels in (never the URL: URLs are logged by proxies and clients). */
export const WEBHOOK_TOKEN_HEADER = 'x-berth-webhook-token';

export const hashWebhookToken = (token: string) => createHash('sha256').update(token).digest();
export const webhookArn = (ctx: ServerContext, name: string) =>
  `arn:${ctx.identity.partition}:events:${ctx.identity.region}:${ctx.identity.accountId}:event-source/berth.webhook/${name}`;

const NAME = /^[.\-_A-Za-z0-9]+$/;
function checkName(name: string | undefined, member: string): void {
  if (name !== undefined && !NAME.test(name)) throw new BerthError('InvalidParameterException', `${member} may hold only letters, digits, '.', '-' and '_' (${JSON.stringify(name)} given).`, member);
}

/** What a webhook shows: never its token's hash. `awsEndpoint` is the AWS listener's URL (absent: the listener is off). */
function webhookInfo(rec: WebhookRecord, awsEndpoint: string | undefined) {
  return {
    name: rec.name, arn: rec.arn, eventBusName: rec.eventBusName, createdAt: rec.createdAt,
    ...(awsEndpoint !== undefined ? { url: `${awsEndpoint}${WEBHOOK_PATH}${rec.name}` } : {}),
    ...(rec.description !== undefined ? { description: rec.description } : {}),
  };
}

export function invokingActionTable(ctx: ServerContext, awsEndpoint: () => string | undefined): ActionTable {
  return {
    api: INVOKING_API,
    handlers: {
      CreateWebhook: async (req: { name: string; eventBusName?: string; description?: string }) => {
        checkName(req.name, 'name');
        const endpoint = awsEndpoint();
        if (endpoint === undefined) throw new BerthError('ClientException', 'Webhooks are served on the AWS listener, which this server does not run (--ecs-listen).');
        const bus = await existingBus(ctx, req.eventBusName);
        const token = `bwh_${randomBytes(24).toString('base64url')}`;
        const rec: WebhookRecord = {
          name: req.name, arn: webhookArn(ctx, req.name), eventBusName: bus, tokenHash: hashWebhookToken(token).toString('hex'),
          createdAt: Math.floor(ctx.now()), ...(req.description !== undefined ? { description: req.description } : {}),
        };
        if (!(await createWebhook(ctx.store, rec))) throw new BerthError('ResourceInUseException', `Webhook ${req.name} already exists.`, 'name');
        ctx.log.info('webhook created', { name: rec.name, eventBusName: bus });
        return { webhook: webhookInfo(rec, endpoint), token };
      },
      ListWebhooks: async () => ({ webhooks: (await listWebhooks(ctx.store)).map((r) => webhookInfo(r, awsEndpoint())) }),
      DeleteWebhook: async (req: { name: string }) => {
        checkName(req.name, 'name');
        if (!(await deleteWebhook(ctx.store, req.name))) throw new BerthError('ResourceNotFoundException', `Webhook ${req.name} does not exist.`, 'name');
        ctx.log.info('webhook deleted', { name: req.name });
        return {};
      },
      ListInvocations: async (req: { rule?: string; eventBusName?: string; schedule?: string; groupName?: string }) => {
        if ((req.rule === undefined) === (req.schedule === undefined)) throw new BerthError('InvalidParameterException', 'Name either a rule or a schedule.', req.rule === undefined ? 'rule' : 'schedule');
        for (const m of ['rule', 'schedule', 'groupName'] as const) checkName(req[m], m);
        let owner: string;
        if (req.rule !== undefined) {
          const bus = eventBusNameOf(req.eventBusName);
          await existingRule(ctx, bus, req.rule);
          owner = ruleInvocationOwner(bus, req.rule);
        } else {
          const group = req.groupName ?? DEFAULT_SCHEDULE_GROUP;
          if (!(await getSchedule(ctx.store, group, req.schedule!))) throw new BerthError('ResourceNotFoundException', `Schedule ${req.schedule} does not exist.`, 'schedule');
          owner = scheduleInvocationOwner(group, req.schedule!);
        }
        return { invocations: await recentInvocations(ctx.store, owner) };
      },
    },
  };
}
