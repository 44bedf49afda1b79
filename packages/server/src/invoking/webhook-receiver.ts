// Webhooks in (issue 23 §4), on the AWS listener without a signature: `POST /webhooks/NAME` with the
// webhook's token in the X-Berth-Webhook-Token header (or `Authorization: Bearer TOKEN`, which many
// senders can set), and a JSON object as the body. The body becomes the `detail` of an event on the
// webhook's bus (source `berth.webhook`, which PutEvents refuses, so nobody forges one; detail-type the
// webhook's name; resources its ARN), which the rule engine matches like any other. The token never
// travels in the URL (URLs are logged), is compared in constant time, and never logged.
//
// Answers: 200 {"EventId"}; 401 no token, or not this webhook's (an unknown webhook answers the same, so
// names cannot be probed); 405 not a POST; 413 a body over the limit (EventBridge's 256 KiB an event);
// 400 a body that is not a JSON object; 404 the webhook's bus was deleted; 503 with Retry-After when the
// server refuses work for load (the API calls' admission gate, taken first, as an API call takes it).
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_EVENT_BUS, busStreamSegment, isoSeconds } from '@berth/core';
import type { ServerContext } from '../context.js';
import { getWebhook } from '../state/webhooks.js';
import { getEventBus } from '../state/event-buses.js';
import { eventPutOp } from '../state/events.js';
import { WEBHOOK_PATH, WEBHOOK_TOKEN_HEADER, hashWebhookToken } from '../handlers/eventbridge/invoking.js';

export const WEBHOOK_MAX_BYTES = 256 * 1024;
export const WEBHOOK_SOURCE = 'berth.webhook';
const WEBHOOK_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** Answers a webhook request (true), or leaves it to the AWS protocols (false). */
export type WebhookReceiver = (req: IncomingMessage, res: ServerResponse) => boolean;

class Refusal extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function tokenOf(req: IncomingMessage): string | undefined {
  const own = req.headers[WEBHOOK_TOKEN_HEADER];
  if (typeof own === 'string' && own !== '') return own;
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        return reject(new Refusal(413, `The body is larger than ${limit} bytes.`));
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface WebhookReceiverOptions {
  maxBytes?: number;
  /** The server's admission gate (api's AdmissionGate.admit): a turn, or a ThrottlingException. */
  admit?: () => Promise<() => void>;
}

export function webhookReceiver(ctx: ServerContext, opts: WebhookReceiverOptions = {}): WebhookReceiver {
  const limit = opts.maxBytes ?? WEBHOOK_MAX_BYTES;

  async function receive(req: IncomingMessage, name: string): Promise<string> {
    if (req.method !== 'POST') throw new Refusal(405, 'A webhook takes POST only.');
    let release: () => void;
    try {
      release = opts.admit ? await opts.admit() : () => {};
    } catch (e) {
      throw new Refusal(503, `The server is overloaded: ${(e as Error).message}`);
    }
    try {
      return await deliver(req, name);
    } finally {
      release();
    }
  }

  async function deliver(req: IncomingMessage, name: string): Promise<string> {
    const token = tokenOf(req);
    if (token === undefined) throw new Refusal(401, `The webhook's token is missing (send it in the ${WEBHOOK_TOKEN_HEADER} header).`);
    if (Number(req.headers['content-length']) > limit) throw new Refusal(413, `The body is larger than ${limit} bytes.`);
    const hook = WEBHOOK_NAME.test(name) ? await getWebhook(ctx.store, name) : null;
    // Compared in constant time, against a stand-in when the webhook is unknown, so timing tells nothing.
    const want = hook ? Buffer.from(hook.value.tokenHash, 'hex') : hashWebhookToken(randomUUID());
    if (!timingSafeEqual(want, hashWebhookToken(token)) || !hook) throw new Refusal(401, 'The webhook token is not valid.');
    const body = await readBody(req, limit);
    let detail: unknown;
    try {
      detail = JSON.parse(body.toString('utf8'));
    } catch {
      detail = undefined;
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) throw new Refusal(400, 'The body must be a JSON object (it becomes the event\'s detail).');
    const bus = hook.value.eventBusName;
    if (bus !== DEFAULT_EVENT_BUS && !(await getEventBus(ctx.store, bus))) throw new Refusal(404, `The webhook's event bus ${bus} does not exist.`);
    const now = ctx.now();
    const event = {
      version: '0', id: randomUUID(), 'detail-type': name, source: WEBHOOK_SOURCE, account: ctx.identity.accountId,
      time: isoSeconds(now), region: ctx.identity.region, resources: [hook.value.arn], detail,
    };
    await ctx.store.txn({ compare: [], success: [eventPutOp(busStreamSegment(bus), now, event)] });
    return event.id;
  }

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith(WEBHOOK_PATH)) return false;
    const name = path.slice(WEBHOOK_PATH.length);
    const answer = (status: number, body: object) => {
      if (res.destroyed) return;
      const text = JSON.stringify(body);
      // A body not read whole cannot be followed by another request on the connection.
      const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...(req.complete ? {} : { Connection: 'close' }) };
      if (status === 405) headers.Allow = 'POST';
      if (status === 503) headers['Retry-After'] = 1;
      if (!req.complete) res.once('finish', () => req.destroy());
      res.writeHead(status, headers);
      res.end(text);
    };
    receive(req, name).then((eventId) => {
      ctx.log.info('webhook event', { name, eventId });
      answer(200, { EventId: eventId });
    }, (e: unknown) => {
      if (!(e instanceof Refusal)) {
        ctx.log.error('webhook failed', { name, error: String((e as Error)?.stack ?? e) });
        return answer(500, { message: 'The event could not be stored; send it again.' });
      }
      ctx.log.info('webhook refused', { name, status: e.status, reason: e.message, peer: req.socket.remoteAddress });
      answer(e.status, { message: e.message });
    });
    return true;
  };
}
