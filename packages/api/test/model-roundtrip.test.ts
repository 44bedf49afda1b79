// Every generated model survives the gRPC wire: for every action of every API, a request and a response
// with every member of every reachable shape set (absent-vs-zero included, and empty lists and maps, which
// travel as present) are serialized and deserialized by the API's loaded service definition and come back
// equal, with the model's exact member names (bindIP, STS's UserId, ...), documents (ECS's HookDetails) whole.
import t from 'tap';
import { AWS_APIS, ECS_API, type ApiModel } from '@berth/core';
import { grpcServiceDefinition, fromWire, toWire } from '../src/index.js';

type Mode = 'full' | 'zero' | 'empty';

/** A value for a shape with every member set; `zero` uses 0/false/'' to prove presence survives, `empty` empty lists and maps. */
function sample(api: ApiModel, shapeName: string, mode: Mode, depth = 0): unknown {
  const s = api.shapes[shapeName]!;
  const zero = mode !== 'full';
  switch (s.type) {
    case 'blob': return zero ? '' : 'YmVydGg=';
    case 'string': return s.enum ? s.enum[s.enum.length - 1] : zero ? '' : `v-${shapeName}`;
    case 'integer': return zero ? 0 : 7;
    case 'long': return zero ? 0 : 123456789012;
    case 'double': return zero ? 0 : 1.5;
    case 'timestamp': return zero ? 0 : 1700000000.25;
    case 'boolean': return !zero;
    case 'list': {
      if (depth > 12) return undefined;
      if (mode === 'empty' && depth > 0) return [];
      // A recursive shape (CloudWatch Logs' LogFieldType) ends in an empty list, not a list of nothing.
      const item = sample(api, s.member, mode, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'map': return mode === 'empty' && depth > 0 ? {} : { k: sample(api, s.value, mode, depth + 1) };
    case 'structure': {
      if (depth > 12) return undefined;
      // A document holds any JSON value: nested, with keys no model names.
      if (s.document) return zero ? {} : { suite: 'smoke', n: [1, 2.5, null, true], nested: { deep: 'x' } };
      // Past the depth limit a member is left out.
      return Object.fromEntries(Object.entries(s.members).map(([m, shape]) => [m, sample(api, shape, mode, depth + 1)]).filter(([, v]) => v !== undefined));
    }
  }
}

for (const api of Object.values(AWS_APIS)) {
  t.test(`${api.name}: every action request and response round-trips with every member`, async (t) => {
    const def = grpcServiceDefinition(api);
    let checked = 0;
    for (const [action, op] of Object.entries(api.operations)) {
      const method = def[action];
      t.ok(method, `${action} is an RPC`);
      if (!method) continue;
      for (const mode of ['full', 'zero', 'empty'] as const) {
        const req = sample(api, op.input, mode);
        const gotReq = fromWire(op.input, method.requestDeserialize(method.requestSerialize(toWire(op.input, req, api))), { api });
        const res = sample(api, op.output, mode);
        const gotRes = fromWire(op.output, method.responseDeserialize(method.responseSerialize(toWire(op.output, res, api))), { api });
        if (JSON.stringify(gotReq) !== JSON.stringify(req)) t.same(gotReq, req, `${action} request (${mode})`);
        if (JSON.stringify(gotRes) !== JSON.stringify(res)) t.same(gotRes, res, `${action} response (${mode})`);
        checked++;
      }
    }
    t.equal(checked, Object.keys(api.operations).length * 3, 'all actions checked');
  });
}

const def = grpcServiceDefinition(ECS_API);

t.test('presence: UpdateService with empty placement lists keeps them empty, absent stays absent', async (t) => {
  const m = def.UpdateService!;
  const cleared = { service: 's', placementStrategy: [], placementConstraints: [] };
  t.same(fromWire('UpdateServiceRequest', m.requestDeserialize(m.requestSerialize(toWire('UpdateServiceRequest', cleared)))), cleared);
  const untouched = { service: 's', desiredCount: 2 };
  t.same(fromWire('UpdateServiceRequest', m.requestDeserialize(m.requestSerialize(toWire('UpdateServiceRequest', untouched)))), untouched);
});

t.test('an absent member stays absent', async (t) => {
  const m = def.RegisterTaskDefinition!;
  const req = { family: 'f', containerDefinitions: [{ name: 'a', image: 'i' }] };
  const got = fromWire('RegisterTaskDefinitionRequest', m.requestDeserialize(m.requestSerialize(toWire('RegisterTaskDefinitionRequest', req))));
  t.same(got, req, 'no defaults invented for cpu, essential, ...');
});

t.test('the member names protobufjs cannot reproduce are mapped explicitly', async (t) => {
  const m = def.DescribeTasks!;
  const res = { tasks: [{ containers: [{ networkBindings: [{ bindIP: '127.0.0.1', containerPort: 80 }] }] }] };
  const wire = toWire('DescribeTasksResponse', res);
  t.match(JSON.stringify(wire), /"bindIp"/);
  t.same(fromWire('DescribeTasksResponse', m.responseDeserialize(m.responseSerialize(wire))), res);
});

t.test('a document travels as its JSON text: any JSON value, an absent one stays absent', async (t) => {
  const method = def.CreateService!;
  for (const hookDetails of [{ a: { b: [1, 'x'] } }, [1, 2], 'text', 0, {}]) {
    const req = { serviceName: 's', deploymentConfiguration: { lifecycleHooks: [{ hookTargetArn: 'h', lifecycleStages: ['POST_SCALE_UP'], hookDetails }] } };
    const got = fromWire<typeof req>('CreateServiceRequest', method.requestDeserialize(method.requestSerialize(toWire('CreateServiceRequest', req))));
    t.same(got.deploymentConfiguration.lifecycleHooks[0]!.hookDetails, hookDetails, JSON.stringify(hookDetails));
  }
  const none = { serviceName: 's', deploymentConfiguration: { lifecycleHooks: [{ hookTargetArn: 'h' }] } };
  const got = fromWire<typeof none>('CreateServiceRequest', method.requestDeserialize(method.requestSerialize(toWire('CreateServiceRequest', none))));
  t.notOk('hookDetails' in got.deploymentConfiguration.lifecycleHooks[0]!, 'absent stays absent');
});
