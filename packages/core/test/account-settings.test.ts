import t from 'tap';
import { readFileSync } from 'node:fs';
import {
  ACCOUNT_SETTINGS, SETTING_NAMES, SHAPES, checkPrincipal, checkSettingValue, effectiveSetting, rootPrincipal,
  type ExplicitSettings, type SettingName,
} from '../src/index.js';

const identity = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
const root = rootPrincipal(identity);
const alice = 'arn:aws:iam::000000000000:user/alice';
const bob = 'arn:aws:iam::000000000000:user/bob';

t.test('every SettingName of the model has a rule, and nothing else', async (t) => {
  t.same([...SETTING_NAMES].sort(), [...(SHAPES.SettingName as { enum: string[] }).enum].sort());
  for (const n of SETTING_NAMES) t.ok(ACCOUNT_SETTINGS[n].values.includes(ACCOUNT_SETTINGS[n].default), `${n}: ECS's default is one of its values`);
});

t.test("the effective value: the principal's own, else the account default, else ECS's", async (t) => {
  const explicit: ExplicitSettings = new Map([
    [root, new Map<SettingName, string>([['containerInsights', 'enabled'], ['awsvpcTrunking', 'enabled']])],
    [alice, new Map<SettingName, string>([['containerInsights', 'disabled']])],
  ]);
  const cases: [string, SettingName, string, { value: string; principalArn: string; type: string }][] = [
    ['her own', 'containerInsights', alice, { value: 'disabled', principalArn: alice, type: 'user' }],
    ['the account default', 'containerInsights', bob, { value: 'enabled', principalArn: root, type: 'user' }],
    ['the account default, for the root user', 'awsvpcTrunking', root, { value: 'enabled', principalArn: root, type: 'user' }],
    ["ECS's default, as the root user's", 'defaultLogDriverMode', alice, { value: 'non-blocking', principalArn: root, type: 'user' }],
    ['AWS-managed', 'guardDutyActivate', alice, { value: 'disabled', principalArn: root, type: 'aws_managed' }],
    ['long ARNs: always enabled', 'taskLongArnFormat', bob, { value: 'enabled', principalArn: root, type: 'user' }],
  ];
  for (const [name, setting, principal, want] of cases) t.same(effectiveSetting(setting, principal, explicit, identity), { name: setting, ...want }, name);
});

t.test("ECS's rules for writing a setting", async (t) => {
  const ok: [SettingName, string, boolean][] = [
    ['containerInsights', 'enhanced', false], ['tagResourceAuthorization', 'off', false], ['fargateTaskRetirementWaitPeriod', '14', true],
    ['defaultLogDriverMode', 'blocking', false], ['serviceLongArnFormat', 'enabled', false], ['fargateFIPSMode', 'enabled', true],
  ];
  for (const [n, v, d] of ok) t.doesNotThrow(() => checkSettingValue(n, v, d), `${n} ${v}`);
  const refused: [SettingName, string, boolean, string, string, RegExp][] = [
    ['containerInsights', 'on', false, 'InvalidParameterException', 'value', /^The containerInsights account setting must be one of enabled \| disabled \| enhanced \('on' given\)\.$/],
    ['taskLongArnFormat', 'disabled', false, 'UnsupportedFeatureException', 'value', /^The request uses taskLongArnFormat disabled, which Berth does not support: Berth always uses the long ARN format/],
    ['guardDutyActivate', 'enabled', true, 'InvalidParameterException', 'name', /read-only: AWS manages it/],
    ['fargateTaskRetirementWaitPeriod', '7', false, 'InvalidParameterException', 'name', /only be set for the root user or with PutAccountSettingDefault/],
  ];
  for (const [n, v, d, ecsName, field, message] of refused) t.throws(() => checkSettingValue(n, v, d), { ecsName, field, message }, `${n} ${v}`);
});

t.test('a principal is a user, a role or the root user of this account', async (t) => {
  for (const p of [alice, root, 'arn:aws:iam::000000000000:role/deploy/ci']) t.equal(checkPrincipal('principalArn', p, identity), p);
  t.throws(() => checkPrincipal('principalArn', 'arn:aws:iam::111111111111:user/x', identity), { field: 'principalArn', message: /not of this account/ });
  t.throws(() => checkPrincipal('principalArn', 'alice', identity), { field: 'principalArn', message: /^Invalid principalArn 'alice'/ });
});

t.test("the README's table of account settings says what each does", async (t) => {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('| setting | values | ECS default | in Berth |');
  t.ok(start >= 0, 'the table is there');
  const lines = readme.slice(start).split('\n').slice(2);
  const end = lines.findIndex((l) => !l.startsWith('|'));
  const expected = SETTING_NAMES.map((n) => {
    const r = ACCOUNT_SETTINGS[n];
    return `| \`${n}\` | ${r.values.map((v) => `\`${v}\``).join(', ')} | \`${r.default}\` | ${r.effect} |`;
  });
  t.same(lines.slice(0, end), expected, `expected:\n${expected.join('\n')}`);
});
