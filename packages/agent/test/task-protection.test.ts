// The pure parts of the agent's task-protection endpoint: its path, a PUT's body, and the control plane's
// answer in amazon-ecs-agent's JSON shapes ({"protection"}, {"failure"}, {"error"}).
import t from 'tap';
import { agentUriEnv, parseProtectionUpdate, parseTaskProtectionPath, taskProtectionResponse } from '../src/endpoints/index.js';

const ARN = 'arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef';

t.test('the path and the variable', async (t) => {
  t.equal(parseTaskProtectionPath('/api/ab-12/task-protection/v1/state'), 'ab-12');
  t.equal(parseTaskProtectionPath('/api/ab-12/task-protection/v1/state/'), 'ab-12');
  t.equal(parseTaskProtectionPath('/v4/ab-12/task-protection/v1/state'), undefined);
  t.equal(parseTaskProtectionPath('/api/ab-12/task-protection/v2/state'), undefined);
  t.equal(agentUriEnv('http://172.17.0.1:4000', 'id1'), 'ECS_AGENT_URI=http://172.17.0.1:4000/api/id1');
});

t.test("a PUT's body", async (t) => {
  t.same(parseProtectionUpdate('{"ProtectionEnabled":true,"ExpiresInMinutes":60}'), { protectionEnabled: true, expiresInMinutes: 60 });
  t.same(parseProtectionUpdate('{"ProtectionEnabled":false}'), { protectionEnabled: false });
  t.match(parseProtectionUpdate('nope'), { error: /not JSON/ });
  t.match(parseProtectionUpdate('{"ProtectionEnabled":"yes"}'), { error: /ProtectionEnabled/ });
  t.match(parseProtectionUpdate('{"ProtectionEnabled":true,"ExpiresInMinutes":1.5}'), { error: /ExpiresInMinutes/ });
  t.match(parseProtectionUpdate('{"ProtectionEnabled":true,"Forever":true}'), { error: /unknown member Forever/ });
});

t.test("the control plane's answer as the agent's endpoint gives it", async (t) => {
  t.same(taskProtectionResponse({ requestId: 'r1', taskArn: ARN, protectionEnabled: true, expirationDate: 1_800_000_000 }),
    { status: 200, body: { protection: { ExpirationDate: '2027-01-15T08:00:00.000Z', ProtectionEnabled: true, TaskArn: ARN } } });
  t.same(taskProtectionResponse({ requestId: 'r1', taskArn: ARN, protectionEnabled: false }),
    { status: 200, body: { protection: { ExpirationDate: null, ProtectionEnabled: false, TaskArn: ARN } } });
  t.same(taskProtectionResponse({ requestId: 'r1', taskArn: ARN, failure: 'TASK_NOT_VALID' }),
    { status: 200, body: { failure: { Arn: ARN, Reason: 'TASK_NOT_VALID', Detail: null } } });
  t.same(taskProtectionResponse({ requestId: 'r1', taskArn: ARN, failure: 'expiresInMinutes must be between 1 and 2880 (0 given)' }),
    { status: 400, body: { error: { Arn: ARN, Code: 'InvalidParameterException', Message: 'expiresInMinutes must be between 1 and 2880 (0 given)' } } });
});
