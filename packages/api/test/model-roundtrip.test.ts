// The whole ECS model survives the gRPC wire: for every action, a request and a response with every
// member of every reachable shape set (absent-vs-zero included) are serialized and deserialized by the
// loaded service definition and come back equal, with ECS's exact member names (bindIP, ...).
import t from 'tap';
import { OPERATIONS, SHAPES } from '@berth/core';
import { ecsServiceDefinition, fromWire, toWire } from '../src/index.js';

/** A value for a shape with every member set; `zero` uses 0/false/'' to prove presence survives. */
function sample(shapeName: string, zero: boolean, depth = 0): unknown {
  const s = SHAPES[shapeName]!;
  switch (s.type) {
    case 'string': return s.enum ? s.enum[s.enum.length - 1] : zero ? '' : `v-${shapeName}`;
    case 'integer': return zero ? 0 : 7;
    case 'long': return zero ? 0 : 123456789012;
    case 'double': return zero ? 0 : 1.5;
    case 'timestamp': return zero ? 0 : 1700000000.25;
    case 'boolean': return !zero;
    case 'list': return depth > 12 ? undefined : [sample(s.member, zero, depth + 1)];
    case 'map': return { k: sample(s.value, zero, depth + 1) };
    case 'structure': {
      if (depth > 12) return undefined;
      // Past the depth limit a member is left out (an empty list would not survive proto3).
      return Object.fromEntries(Object.entries(s.members).map(([m, shape]) => [m, sample(shape, zero, depth + 1)]).filter(([, v]) => v !== undefined));
    }
  }
}

const def = ecsServiceDefinition();

t.test('every action request and response round-trips with every member', async (t) => {
  let checked = 0;
  for (const [action, op] of Object.entries(OPERATIONS)) {
    const method = def[action];
    t.ok(method, `${action} is an RPC`);
    if (!method) continue;
    for (const zero of [false, true]) {
      const req = sample(op.input, zero);
      const gotReq = fromWire(op.input, method.requestDeserialize(method.requestSerialize(toWire(op.input, req))));
      const res = sample(op.output, zero);
      const gotRes = fromWire(op.output, method.responseDeserialize(method.responseSerialize(toWire(op.output, res))));
      if (JSON.stringify(gotReq) !== JSON.stringify(req)) t.same(gotReq, req, `${action} request (zero=${zero})`);
      if (JSON.stringify(gotRes) !== JSON.stringify(res)) t.same(gotRes, res, `${action} response (zero=${zero})`);
      checked++;
    }
  }
  t.equal(checked, Object.keys(OPERATIONS).length * 2, 'all actions checked');
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
