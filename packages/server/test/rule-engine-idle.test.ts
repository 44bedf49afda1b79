// The rule engine holds no watch of the events while no rule has an event pattern (every event of every
// cluster is the largest thing the store ships a server), moves its cursor meanwhile (at most once a
// minute), and watches again from its cursor or the new rule's write when a rule appears: an event written right after PutRule, before the engine looked
// again, is matched all the same. File store; the rule's target fails (no such task definition), which
// the invocation records with the event's id.
import t from 'tap';
import { EVENTS_API, clusterArn } from '@berth/core';
import { getEngineCursor } from '../src/state/rule-engine.js';
import { startTestServer, uniq, until } from './helpers.js';

const { server, client, close } = await startTestServer();
t.teardown(close);
const { ctx } = server;
const source = uniq('my.app');
const put = async () => {
  const r = await client.callApi(EVENTS_API, 'PutEvents', { Entries: [{ Source: source, DetailType: 'Order Placed', Detail: '{"size": 1}' }] }) as { Entries: { EventId: string }[] };
  return r.Entries[0]!.EventId;
};
const invoked = async (rule: string) => {
  const seen = new Set<string>();
  for await (const m of client.watchEvents({ detailTypes: ['Berth Invocation'], follow: false })) {
    const d = (JSON.parse(m.event!) as { detail: { rule?: string; eventId?: string } }).detail;
    if (d.rule === rule && d.eventId !== undefined) seen.add(d.eventId);
  }
  return seen;
};

t.test('idle without rules, the cursor moving; a new rule matches the events from its creation on', async (t) => {
  const before = (await until('the engine started', () => getEngineCursor(ctx.store).then((c) => c ?? undefined))).value.r;
  t.equal(server.leader.ruleEngineWatching(), false, 'no rule: no watch of the events');
  await put();
  const moved = await until('the cursor passes the event', async () => {
    await server.leader.ruleEngineIdle(); // a look now, as its next minute's would
    const c = (await getEngineCursor(ctx.store))!.value.r;
    return c > before ? c : undefined;
  });
  t.ok(moved > before, 'the idle engine moves its cursor');
  // Not each second: the store's revision moves with every write (another tenant's of a shared etcd
  // too), and an idle control plane must stop writing.
  await put();
  await new Promise((r) => setTimeout(r, 2500));
  t.equal((await getEngineCursor(ctx.store))!.value.r, moved, 'but at most once a minute: not at each look');

  const rule = uniq('orders');
  await client.callApi(EVENTS_API, 'PutRule', { Name: rule, EventPattern: JSON.stringify({ source: [source] }) });
  await client.callApi(EVENTS_API, 'PutTargets', {
    Rule: rule,
    Targets: [{ Id: 't', Arn: clusterArn(ctx.identity, 'default'), RoleArn: `arn:aws:iam::${ctx.identity.accountId}:role/none`, EcsParameters: { TaskDefinitionArn: uniq('none') } }],
  });
  // At once, before the engine's next look for rules.
  const first = await put();
  await until('watching', () => server.leader.ruleEngineWatching() === true);
  const second = await put();
  const seen = await until('both matched', async () => {
    const s = await invoked(rule);
    return s.has(first) && s.has(second) ? s : undefined;
  });
  t.equal(seen.size, 2, 'each event matched once');

  await client.callApi(EVENTS_API, 'DisableRule', { Name: rule });
  await until('idle again', () => server.leader.ruleEngineWatching() === false);
  await put();
  await server.leader.ruleEngineIdle();
  t.equal((await invoked(rule)).size, 2, 'a disabled rule matches nothing');
});
