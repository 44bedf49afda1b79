// withRequestBytes (grpc-signing.ts): a method with one request message keeps the bytes it decoded, so a
// signature is checked against what arrived; a streaming method's messages are decoded as they are and keep
// nothing (a stream's signature covers its opening, with an empty body).
import t from 'tap';
import { loadBerthProtos, receivedBytes, withRequestBytes } from '../src/index.js';

t.test('unary requests keep their bytes; stream messages are decoded by the method\'s own deserializer', async (t) => {
  const protos = loadBerthProtos().berth.v1;
  const ecs = protos.ECS.service;
  const agent = protos.AgentService.service;
  const wrappedEcs = withRequestBytes(ecs);
  const wrappedAgent = withRequestBytes(agent);

  const bytes = ecs.RunTask!.requestSerialize({ cluster: 'c', taskDefinition: 'web:1', count: 10 });
  const decoded = wrappedEcs.RunTask!.requestDeserialize(bytes) as object;
  t.same(decoded, ecs.RunTask!.requestDeserialize(bytes), 'decoded as the method decodes it');
  t.equal(receivedBytes(decoded), bytes, 'a unary request keeps the very bytes it arrived as');
  t.same(Object.keys(wrappedEcs).sort(), Object.keys(ecs).sort(), 'every method is served');

  t.equal(agent.Connect!.requestStream, true);
  t.equal(wrappedAgent.Connect, agent.Connect, 'a bidirectional stream\'s method is the method itself');
  const report = agent.Connect!.requestSerialize({ report: { taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/c/1', counter: '2', lastStatus: 'RUNNING' } });
  const message = wrappedAgent.Connect!.requestDeserialize(report) as object;
  t.equal(receivedBytes(message), undefined, 'its messages keep no bytes');
  t.same(receivedBytes(undefined), new Uint8Array(), 'the stream\'s opening is signed with an empty body');
});
