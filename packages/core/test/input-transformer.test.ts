import t from 'tap';
import { BerthError, checkTargetInput, jsonPathValue, targetInputText } from '../src/index.js';

const event = { id: 'e1', detail: { taskArn: 'arn:aws:ecs:r:1:task/prod/abc', containers: [{ name: 'app', exitCode: 3 }], note: 'say "hi"' } };
const rule = { ruleArn: 'arn:aws:events:r:1:rule/r1', ruleName: 'r1', ingestionTime: Date.parse('2026-12-02T10:00:00Z') };

t.test('input transformer places values as text inside strings and as JSON outside', async (t) => {
  const template = '{"containerOverrides":[{"name":"app","environment":[{"name":"STOPPED","value":"<arn>"},{"name":"NOTE","value":"<note> by <aws.events.rule-name>"}]}],"code":<code>,"missing":<nothing>,"all":<c0>}';
  const text = targetInputText({ InputTransformer: { InputPathsMap: { arn: '$.detail.taskArn', code: '$.detail.containers[0].exitCode', note: '$.detail.note', nothing: '$.detail.gone', c0: '$.detail.containers[0]' }, InputTemplate: template } }, event, rule);
  t.same(JSON.parse(text), {
    containerOverrides: [{ name: 'app', environment: [{ name: 'STOPPED', value: 'arn:aws:ecs:r:1:task/prod/abc' }, { name: 'NOTE', value: 'say "hi" by r1' }] }],
    code: 3, missing: null, all: { name: 'app', exitCode: 3 },
  });
});

t.test('Input, InputPath, or the event itself', async (t) => {
  t.equal(targetInputText({ Input: '{"a":1}' }, event, rule), '{"a":1}');
  t.same(JSON.parse(targetInputText({ InputPath: '$.detail.containers' }, event, rule)), event.detail.containers);
  t.same(JSON.parse(targetInputText({}, event, rule)), event);
  t.equal(jsonPathValue(event, '$'), event);
  t.equal(jsonPathValue(event, '$.detail.containers[5].name'), undefined);
});

t.test('refusals', async (t) => {
  const refused = (input: object, re: RegExp) => {
    try {
      checkTargetInput(input, 'Targets[0]');
      t.fail(`accepted: ${JSON.stringify(input)}`);
    } catch (e) {
      t.ok(e instanceof BerthError && e.ecsName === 'ValidationError', 'ValidationError');
      t.match((e as Error).message, re);
    }
  };
  refused({ Input: '{', InputPath: '$' }, /only one of Input, InputPath and InputTransformer/);
  refused({ Input: '{' }, /not valid JSON/);
  refused({ InputPath: 'detail' }, /not a valid JSON path/);
  refused({ InputTransformer: { InputPathsMap: { 'aws.events.x': '$' }, InputTemplate: '{}' } }, /reserved/);
  checkTargetInput({ InputTransformer: { InputPathsMap: { a: '$.detail.taskArn' }, InputTemplate: '"<a>"' } }, 'Targets[0]');
  t.pass('a valid transformer is accepted');
});
