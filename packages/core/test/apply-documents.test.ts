// berth apply's decisions: which kind a document is, when a task definition needs a new revision (its
// normalised RegisterTaskDefinition input, ECS's defaults filled and tags included, against the latest
// revision's), when a service's given members already hold, and the diff's lines.
import t from 'tap';
import { buildTaskDefinition, documentKind, givenMembersMatch, lineDiff, registrationInput } from '../src/index.js';

t.test('a document is known by its members, or by kind:', async (t) => {
  const cases: [Record<string, unknown>, string][] = [
    [{ family: 'web', containerDefinitions: [] }, 'taskdef'],
    [{ serviceName: 'web', taskDefinition: 'web' }, 'service'],
    [{ clusterName: 'prod' }, 'cluster'],
    [{ kind: 'Service', serviceName: 'web' }, 'service'],
    [{ kind: 'TaskDefinition', family: 'web', containerDefinitions: [] }, 'taskdef'],
  ];
  for (const [doc, kind] of cases) t.equal(documentKind(doc, 'f').kind, kind, JSON.stringify(doc));
  t.notOk('kind' in documentKind({ kind: 'Cluster', clusterName: 'x' }, 'f').body, 'kind: is not sent');
  t.throws(() => documentKind({ image: 'x' }, 'f, document 2'), { name: 'InvalidParameterException', message: /f, document 2: not a cluster, task definition or service/ });
  t.throws(() => documentKind({ kind: 'Pod' }, 'f'), { message: /kind "Pod"/ });
});

t.test('a new revision only when the normalised input differs', async (t) => {
  const file = { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx:1', memory: 64, portMappings: [{ containerPort: 80 }] }], tags: [{ key: 'b', value: '2' }, { key: 'a', value: '1' }] };
  const registered = buildTaskDefinition(file as never, { arn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3', revision: 3, registeredAt: 1 });
  const stored = registrationInput(registered as never, [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
  t.same(registrationInput(file), stored, 'the same file: defaults (essential, protocol, hostPort, cpu 0) and tag order do not count');
  t.notSame(registrationInput({ ...file, tags: [{ key: 'a', value: '1' }] }), stored, 'tags count');
  t.notSame(registrationInput({ ...file, containerDefinitions: [{ ...file.containerDefinitions[0], memory: 128 }] }), stored, 'a member counts');
});

t.test('a service: only the members the file gives', async (t) => {
  const current = { desiredCount: 2, deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 }, placementStrategy: [{ type: 'spread', field: 'instanceId' }] };
  t.ok(givenMembersMatch({ desiredCount: 2 }, current));
  t.ok(givenMembersMatch({ deploymentConfiguration: { maximumPercent: 200 } }, current), 'within an object, members given');
  t.notOk(givenMembersMatch({ desiredCount: 3 }, current));
  t.notOk(givenMembersMatch({ placementStrategy: [] }, current), 'a list is compared whole');
  t.notOk(givenMembersMatch({ healthCheckGracePeriodSeconds: 5 }, current), 'a member the service lacks');
});

t.test('the diff: kept, removed and added lines', async (t) => {
  t.equal(lineDiff('a\nb\nc', 'a\nc\nd'), '  a\n- b\n  c\n+ d\n');
  t.equal(lineDiff('', 'x'), '+ x\n');
});
