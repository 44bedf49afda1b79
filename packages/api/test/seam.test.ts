// The seam over a real gRPC server and client: an action table served through the hook chain. Every call
// is authorized once with (caller, IAM action, resources) and observed once; a refusal of the policy hook
// is the answer; an error's name, message, field and extra members reach the client; unimplemented
// actions name themselves; idempotency tokens are filled once per logical call.
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { BerthError, ECS_API, STS_API, authorizationScope } from '@berth/core';
import {
  BerthClient, grpcHandlers, grpcServiceDefinition, serverCredentials, withIdempotencyTokens,
  type ActionTable, type AuthorizationRequest, type CallHooks, type CallRecord,
} from '../src/index.js';

const decisions: AuthorizationRequest[] = [];
const records: CallRecord[] = [];
const identity = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
const hooks: CallHooks = {
  // The server's scope: core's authorization table.
  scope: async (action, request) => (await authorizationScope(action, request, { identity, latestRevision: async () => undefined, secretArn: async () => undefined }))!,
  authorize: (req) => {
    decisions.push(req);
    if (req.resources.includes('arn:aws:ecs:us-east-1:000000000000:cluster/forbidden')) throw new BerthError('AccessDeniedException', 'Not allowed.');
  },
  observers: [(r) => void records.push(r)],
};
const seenTokens: unknown[] = [];
const table: ActionTable = {
  api: ECS_API,
  handlers: {
    RunTask: async (req: { clientToken?: string }) => {
      seenTokens.push(req.clientToken);
      throw new BerthError('ConflictException', 'token reused', 'clientToken', { resourceIds: ['arn:aws:ecs:us-east-1:000000000000:task/c/abc'] });
    },
    DeleteCluster: async (req: { cluster?: string }) => ({ cluster: { clusterName: req.cluster } }),
  },
};

/** The error a call rejects with (a call that succeeds fails the test). */
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as BerthError);

const server = new grpc.Server();
server.addService(grpcServiceDefinition(ECS_API), grpcHandlers(table, hooks));
server.addService(grpcServiceDefinition(STS_API), grpcHandlers({ api: STS_API, handlers: {} }, hooks));
const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', serverCredentials(), (e, p) => (e ? reject(e) : resolve(p))));
const client = new BerthClient(`127.0.0.1:${port}`);
t.teardown(() => {
  client.close();
  server.forceShutdown();
});

t.test('one authorization decision and one record per call', async (t) => {
  const before = records.length;
  t.same(await client.call('DeleteCluster', { cluster: 'web' }), { cluster: { clusterName: 'web' } });
  t.same(decisions.at(-1), { caller: { kind: 'anonymous', reason: 'no client certificate, no signature' }, action: 'ecs:DeleteCluster', resources: ['arn:aws:ecs:us-east-1:000000000000:cluster/web'], context: {} });
  t.equal(records.length, before + 1);
  t.equal(records.at(-1)!.call.transport, 'grpc');
  t.same(records.at(-1)!.call.resources, ['arn:aws:ecs:us-east-1:000000000000:cluster/web'], 'the record carries what the call touched');
  const denied = await refusal(client.call('DeleteCluster', { cluster: 'forbidden' }));
  t.equal(denied.ecsName, 'AccessDeniedException', 'the policy hook decides');
  t.equal(records.at(-1)!.error?.name, 'AccessDeniedException');
});

t.test('an error\'s name, message, field and members travel on gRPC', async (t) => {
  const e = await refusal(client.call('RunTask', { taskDefinition: 'web' }));
  t.equal(e.ecsName, 'ConflictException');
  t.equal(e.message, 'token reused', 'the message alone');
  t.equal(e.field, 'clientToken');
  t.same(e.members, { resourceIds: ['arn:aws:ecs:us-east-1:000000000000:task/c/abc'] });
});

t.test('the model validates before the handler; unimplemented actions name themselves per protocol', async (t) => {
  const bad = await refusal(client.call('RunTask', {} as never));
  t.equal(bad.ecsName, 'InvalidParameterException');
  t.equal(bad.field, 'taskDefinition');
  const ecs = await refusal(client.call('CreateTaskSet', { service: 's', cluster: 'c', taskDefinition: 't' }));
  t.equal(ecs.ecsName, 'UnsupportedFeatureException');
  t.match(ecs.message, /ECS action CreateTaskSet/);
  const sts = await refusal(client.callApi(STS_API, 'AssumeRole', { RoleArn: 'arn:aws:iam::000000000000:role/r', RoleSessionName: 's' }));
  t.equal(sts.ecsName, 'InvalidAction');
  t.match(sts.message, /STS action AssumeRole/);
});

t.test('idempotency tokens: filled when absent, kept when given, never in the caller\'s object', async (t) => {
  const req = { taskDefinition: 'web' };
  const filled = withIdempotencyTokens(ECS_API, 'RunTask', req) as { clientToken?: string };
  t.match(filled.clientToken, /^[0-9a-f-]{36}$/);
  t.notOk('clientToken' in req, 'the caller\'s request is untouched');
  t.equal((withIdempotencyTokens(ECS_API, 'RunTask', { taskDefinition: 'web', clientToken: 'mine' }) as { clientToken: string }).clientToken, 'mine');
  t.same(withIdempotencyTokens(ECS_API, 'ListClusters', {}), {}, 'actions without a token are left alone');
  await client.call('RunTask', { taskDefinition: 'web' }).catch(() => {});
  t.match(seenTokens.at(-1), /^[0-9a-f-]{36}$/, 'the client sent one');
});
