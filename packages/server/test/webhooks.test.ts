// Webhooks in (issue 23 §4): berth's CreateWebhook answers a URL on the AWS listener and a token; a POST
// there with the token in its header becomes an event on the webhook's bus (source berth.webhook,
// detail-type the webhook's name, the body as detail), which rules match. Everything else is refused with
// a status and a reason: no token or a wrong one (an unknown webhook alike), a GET, a body over 256 KiB,
// a body that is not a JSON object, a POST the overloaded server's admission gate turns away. The token is
// never logged nor stored.
import t from 'tap';
import { EVENTS_API, INVOKING_API, busStreamSegment, type Events } from '@berth/core';
import { createLogger } from '@berth/api';
import { eventsPrefix } from '../src/state/events.js';
import { rangeAll } from '../src/state/kit.js';
import { rejection, startTestServer } from './helpers.js';

const lines: string[] = [];
const { server, client, close } = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' }, log: createLogger('debug', {}, (l) => lines.push(l)) } });
t.teardown(close);

interface Created { webhook: { name: string; url: string; eventBusName: string; arn: string }; token: string }
const created = await client.callApi(INVOKING_API, 'CreateWebhook', { name: 'uploads', description: 'object store' }) as Created;
const { url } = created.webhook;
const post = (body: string, headers: Record<string, string> = { 'X-Berth-Webhook-Token': created.token }, method = 'POST', to = url) =>
  fetch(to, { method, headers: { 'Content-Type': 'application/json', ...headers }, ...(method === 'GET' ? {} : { body }) });

t.test('create answers the URL on the AWS listener and a token shown once', async (t) => {
  t.equal(url, `http://${server.ecsAddr}/webhooks/uploads`);
  t.match(created.token, /^bwh_[\w-]{32}$/);
  t.equal(created.webhook.eventBusName, 'default');
  const { webhooks } = await client.callApi(INVOKING_API, 'ListWebhooks', {}) as { webhooks: object[] };
  t.same(webhooks, [{ name: 'uploads', arn: created.webhook.arn, eventBusName: 'default', url, description: 'object store', createdAt: (webhooks[0] as { createdAt: number }).createdAt }]);
  t.equal((await rejection(client.callApi(INVOKING_API, 'CreateWebhook', { name: 'uploads' }))).ecsName, 'ResourceInUseException');
  t.equal((await rejection(client.callApi(INVOKING_API, 'CreateWebhook', { name: 'x', eventBusName: 'nope' }))).ecsName, 'ResourceNotFoundException');
  t.equal((await rejection(client.callApi(INVOKING_API, 'CreateWebhook', { name: 'a/b' }))).ecsName, 'InvalidParameterException');
});

t.test('a POST becomes an event on the bus, which a rule matches', async (t) => {
  await client.callApi(EVENTS_API, 'PutRule', { Name: 'on-upload', EventPattern: JSON.stringify({ source: ['berth.webhook'], 'detail-type': ['uploads'], detail: { key: [{ suffix: '.csv' }] } }) });
  const res = await post(JSON.stringify({ bucket: 'in', key: 'day.csv' }));
  t.equal(res.status, 200);
  const { EventId } = await res.json() as { EventId: string };
  const stored = (await rangeAll(server.ctx.store, eventsPrefix(busStreamSegment('default')))).map((kv) => JSON.parse(kv.value.toString()) as { id: string });
  const event = stored.find((e) => e.id === EventId) as Record<string, unknown>;
  t.match(event, { source: 'berth.webhook', 'detail-type': 'uploads', resources: [created.webhook.arn], detail: { bucket: 'in', key: 'day.csv' } });
  const matched = await client.callApi(EVENTS_API, 'TestEventPattern', { EventPattern: JSON.stringify({ source: ['berth.webhook'], detail: { key: [{ suffix: '.csv' }] } }), Event: JSON.stringify(event) }) as Events.TestEventPatternResponse;
  t.equal(matched.Result, true);
  // `Authorization: Bearer TOKEN` works too, for senders that can set only that.
  t.equal((await post('{"key":"b.txt"}', { Authorization: `Bearer ${created.token}` })).status, 200);
});

t.test('refusals say why, and an unknown webhook answers as a wrong token does', async (t) => {
  const cases: [string, Response, number, RegExp][] = [
    ['no token', await post('{}', {}), 401, /token is missing/],
    ['a wrong token', await post('{}', { 'X-Berth-Webhook-Token': 'bwh_wrong' }), 401, /token is not valid/],
    ['an unknown webhook', await post('{}', undefined, 'POST', url.replace('uploads', 'other')), 401, /token is not valid/],
    ['a GET', await post('', undefined, 'GET'), 405, /POST only/],
    ['a body over 256 KiB', await post(JSON.stringify({ x: 'a'.repeat(256 * 1024) })), 413, /larger than 262144 bytes/],
    ['not JSON', await post('key=a.csv'), 400, /must be a JSON object/],
    ['a JSON array', await post('[1]'), 400, /must be a JSON object/],
  ];
  for (const [what, res, status, message] of cases) {
    t.equal(res.status, status, what);
    t.match(((await res.json()) as { message: string }).message, message, what);
  }
});

t.test('an overloaded server refuses a POST at its admission gate, as it refuses API calls', async (t) => {
  const limits = { ...server.admission.limits };
  // No mutating turn free and no room to wait: every mutating API call, and every webhook POST (a mutating
  // call), is refused at once.
  Object.assign(server.admission.limits, { maxMutatingInFlight: 0, maxQueued: 0 });
  try {
    const res = await post('{"key":"late.csv"}');
    t.equal(res.status, 503);
    t.equal(res.headers.get('retry-after'), '1');
    t.match(((await res.json()) as { message: string }).message, /The server is overloaded/);
  } finally {
    Object.assign(server.admission.limits, limits);
  }
  t.equal((await post('{"key":"now.csv"}')).status, 200, 'admitted again once the load is gone');
});

t.test('deleted, a webhook takes nothing; its token was never logged nor stored', async (t) => {
  await client.callApi(INVOKING_API, 'DeleteWebhook', { name: 'uploads' });
  t.equal((await post('{}')).status, 401);
  t.equal((await rejection(client.callApi(INVOKING_API, 'DeleteWebhook', { name: 'uploads' }))).ecsName, 'ResourceNotFoundException');
  t.ok(lines.some((l) => l.includes('"webhook event"')), 'deliveries are logged');
  t.notOk(lines.some((l) => l.includes(created.token)), 'the token is in no log line');
  const all = await rangeAll(server.ctx.store, '/');
  t.notOk(all.some((kv) => kv.value.toString().includes(created.token)), 'nor in the store');
});
