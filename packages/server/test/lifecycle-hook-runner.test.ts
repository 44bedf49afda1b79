// The lifecycle hook runner (controllers/leader/lifecycle-hooks.ts) against a real store and a loopback
// webhook, without the controllers around it: a service record whose traffic shift waits for an invoked
// hook is found through the due index; a leader that goes while its call is in flight (the runner stopped
// before the answer came) writes nothing, and the next leader's runner calls again with the same
// executionId (at least once, as ECS's Lambda hooks) and writes the answer; IN_PROGRESS moves the due
// entry to after callBackDelay; a webhook outside --hook-url-allow at call time answers FAILED.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@berth/store';
import { deploymentHookArn, initialSchedulerState, type HookInput } from '@berth/core';
import { silentLogger } from '../src/index.js';
import type { ServerContext } from '../src/context.js';
import { startLifecycleHookRunner } from '../src/controllers/leader/lifecycle-hooks.js';
import { SERVICE_HOOKS_DUE, getService, serviceOps, type ServiceRecord } from '../src/state/services.js';
import { createDeploymentHook } from '../src/state/deployment-hooks.js';
import { sleep, until } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-hook-runner-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const store = await openStore(`file:${join(dir, 'berth.db')}`);
t.teardown(() => store.close());

// The webhook: `hold` keeps requests unanswered (a leader dies meanwhile); else answers the queue in order.
const calls: { body: HookInput; at: number }[] = [];
let hold = false;
let answers: object[] = [];
const http = createServer((req, res) => {
  let data = '';
  req.on('data', (d: Buffer) => { data += d.toString(); });
  req.on('end', () => {
    calls.push({ body: JSON.parse(data) as HookInput, at: Date.now() });
    if (hold) return setTimeout(() => res.writeHead(200).end(JSON.stringify({ hookStatus: 'SUCCEEDED' })), 3000);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers.shift() ?? { hookStatus: 'SUCCEEDED' }));
  });
});
await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
t.teardown(() => new Promise<void>((r) => { http.closeAllConnections(); http.close(() => r()); }));
const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

const identity = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
const ctx: ServerContext = { store, identity, log: silentLogger, now: () => Date.now() / 1000, scaleHooks: { urlAllow: [`${base}/hooks/`] } };
const hookArn = deploymentHookArn(identity, 'gate');
await createDeploymentHook(store, { name: 'gate', arn: hookArn, url: `${base}/hooks/gate`, timeoutSeconds: 1, createdAt: 0 });

/** A BLUE_GREEN service waiting at TEST_TRAFFIC_SHIFT for the hook (what the services controller leaves). */
async function waiting(name: string): Promise<void> {
  const now = ctx.now();
  const serviceArn = `arn:aws:ecs:us-east-1:000000000000:service/c/${name}`;
  const rec: ServiceRecord = {
    cluster: 'c', name, requestHash: '',
    service: {
      serviceArn, serviceName: name, status: 'ACTIVE', desiredCount: 1,
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [{ targetType: 'AWS_LAMBDA', hookTargetArn: hookArn, lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }] },
      deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: 'td:2' }, { id: 'ecs-svc/1', status: 'ACTIVE', rolloutState: 'COMPLETED', taskDefinition: 'td:1' }],
    },
    scheduler: {
      ...initialSchedulerState(), lastCompleted: { id: 'ecs-svc/1', taskDefinition: 'td:1' },
      shift: {
        deploymentId: 'ecs-svc/2', stage: 'TEST_TRAFFIC_SHIFT', since: now, step: 0,
        hooks: [{ hookId: '0-TEST_TRAFFIC_SHIFT', targetType: 'AWS_LAMBDA', targetArn: hookArn, status: 'IN_PROGRESS', expiresAt: now + 600, timeoutAction: 'ROLLBACK' }],
        invocations: [{ hookId: '0-TEST_TRAFFIC_SHIFT', at: now, calls: 0 }],
      },
    },
  };
  await store.txn({ compare: [], success: serviceOps(rec) });
}
const due = async () => (await store.range(SERVICE_HOOKS_DUE.prefix)).kvs.map((kv) => SERVICE_HOOKS_DUE.names(kv.key).join('/'));
const hookOf = async (name: string) => (await getService(store, 'c', name))!.value.scheduler.shift?.hooks?.[0];

t.test('a leader gone mid-call: the next one calls again with the same executionId and writes the answer', async (t) => {
  await waiting('web');
  t.same(await due(), ['c/web'], 'the service is in the due index');
  hold = true;
  const first = startLifecycleHookRunner(ctx, { tickMs: 3_600_000 });
  await first.tick();
  await until('the first call arrived', () => calls.length === 1 || undefined);
  // The leader goes: its call times out (the hook's 1 s) after the runner stopped; nothing is written.
  await first.stop();
  t.equal((await hookOf('web'))!.status, 'IN_PROGRESS', 'the first leader wrote no answer');
  t.same(await due(), ['c/web'], 'the call is still due');
  hold = false;
  const second = startLifecycleHookRunner(ctx, { tickMs: 3_600_000 });
  await second.tick();
  await second.idle();
  await second.stop();
  t.equal(calls.length, 2, 'called again');
  t.equal(calls[1]!.body.executionId, calls[0]!.body.executionId, 'with the same executionId');
  t.equal((await hookOf('web'))!.status, 'SUCCEEDED', 'the answer written');
  t.same(await due(), [], 'nothing due any more');
});

t.test('IN_PROGRESS moves the call to after callBackDelay; a URL no longer allowed answers FAILED and rolls back', async (t) => {
  calls.length = 0;
  await waiting('api');
  answers = [{ hookStatus: 'IN_PROGRESS', callBackDelay: 2 }];
  const runner = startLifecycleHookRunner(ctx, { tickMs: 3_600_000 });
  t.teardown(() => runner.stop());
  await runner.tick();
  await runner.idle();
  const entry = (await store.range(SERVICE_HOOKS_DUE.prefix)).kvs[0]!.key;
  const wait = SERVICE_HOOKS_DUE.time(entry) - calls[0]!.at;
  t.ok(wait >= 1500 && wait <= 3500, `the next call is due about callBackDelay later (${wait} ms)`);
  await runner.tick();
  await runner.idle();
  t.equal(calls.length, 1, 'not called again before then');
  await sleep(2200);
  // The operator narrowed --hook-url-allow meanwhile.
  ctx.scaleHooks = { urlAllow: [`${base}/other/`] };
  await runner.tick();
  await runner.idle();
  t.equal(calls.length, 1, 'a URL no longer allowed is not called');
  const rec = (await getService(store, 'c', 'api'))!.value;
  t.equal(rec.scheduler.shift, undefined, 'FAILED: the shift is over');
  t.match(rec.service.deployments, [{ id: 'ecs-svc/1', status: 'PRIMARY' }, { id: 'ecs-svc/2', status: 'ACTIVE' }], 'rolled back to the blue deployment');
  t.match(rec.service.deployments![0]!.rolloutStateReason, /lifecycle hook 0-TEST_TRAFFIC_SHIFT answered FAILED \(.*is not under a URL the server allows/);
  t.same(await due(), [], 'nothing due');
});
