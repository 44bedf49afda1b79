// The valueFrom forms ECS reads (Secrets Manager ARNs with :json-key:version-stage:version-id, parameters by
// ARN or name), JSON-key extraction, how Secrets Manager moves staging labels, and ListSecrets' filters.
import t from 'tap';
import { AWSCURRENT, AWSPREVIOUS, jsonKeyOf, parseSecretReference, restage, secretIdCandidates, secretMatches } from '../src/index.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';

t.test('valueFrom', async (t) => {
  const cases: [string, unknown][] = [
    [ARN, { service: 'secretsmanager', secretId: ARN }],
    [`${ARN}:password::`, { service: 'secretsmanager', secretId: ARN, jsonKey: 'password' }],
    [`${ARN}::AWSPREVIOUS:`, { service: 'secretsmanager', secretId: ARN, versionStage: 'AWSPREVIOUS' }],
    [`${ARN}:user::0f6b-1`, { service: 'secretsmanager', secretId: ARN, jsonKey: 'user', versionId: '0f6b-1' }],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password', { service: 'ssm', name: '/app/db/password' }],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/flat', { service: 'ssm', name: 'flat' }],
    ['/app/db/password', { service: 'ssm', name: '/app/db/password' }],
    ['flat', { service: 'ssm', name: 'flat' }],
  ];
  for (const [valueFrom, want] of cases) t.same(parseSecretReference(valueFrom), want, valueFrom);
  t.throws(() => parseSecretReference('arn:aws:s3:::bucket/key'), { name: 'ClientException' });
});

t.test('a SecretId: a name, a full ARN, a partial ARN', async (t) => {
  t.same(secretIdCandidates('db'), [{ name: 'db' }]);
  t.same(secretIdCandidates(ARN), [{ name: 'db', fullArn: ARN }, { name: 'db-AbCdEf' }]);
  t.same(secretIdCandidates('arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db'), [{ name: 'app/db' }]);
});

t.test('one JSON key of a secret', async (t) => {
  t.equal(jsonKeyOf('{"user":"u","port":5432}', 'user', 'x'), 'u');
  t.equal(jsonKeyOf('{"user":"u","port":5432}', 'port', 'x'), '5432', 'a non-string as its JSON');
  t.throws(() => jsonKeyOf('{"user":"u"}', 'password', 'x'), /did not contain json key password/);
  t.throws(() => jsonKeyOf('plain', 'password', 'x'), /did not contain json key password/);
});

t.test('staging labels move as Secrets Manager moves them', async (t) => {
  const v = (stages: string[]) => ({ stages });
  const one = restage({}, 'a', v([]), [AWSCURRENT]);
  t.same(one, { a: v([AWSCURRENT]) });
  const two = restage(one, 'b', v([]), [AWSCURRENT]);
  t.same(two, { a: v([AWSPREVIOUS]), b: v([AWSCURRENT]) });
  const three = restage(two, 'c', v([]), [AWSCURRENT]);
  t.same(three, { b: v([AWSPREVIOUS]), c: v([AWSCURRENT]) }, 'a version left without a label is dropped');
  t.same(restage(three, 'd', v([]), ['TEST']), { ...three, d: v(['TEST']) }, 'a label of its own moves nothing else');
});

t.test('ListSecrets filters', async (t) => {
  const s = { name: 'prod/db', description: 'The Database', tags: [{ Key: 'team', Value: 'core' }] };
  t.ok(secretMatches(s, [{ Key: 'name', Values: ['prod/'] }]));
  t.notOk(secretMatches(s, [{ Key: 'name', Values: ['Prod/'] }]), 'names are case-sensitive');
  t.ok(secretMatches(s, [{ Key: 'description', Values: ['the data'] }]), 'descriptions are not');
  t.ok(secretMatches(s, [{ Key: 'tag-key', Values: ['team'] }, { Key: 'tag-value', Values: ['co'] }]));
  t.notOk(secretMatches(s, [{ Key: 'name', Values: ['!prod'] }]), '! negates');
  t.ok(secretMatches(s, [{ Key: 'all', Values: ['core'] }]));
});
