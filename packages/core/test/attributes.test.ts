// Attribute rules and the two parts of an instance's attributes: the agent's and the custom ones.
import t from 'tap';
import { MAX_CUSTOM_ATTRIBUTES, checkAttributes, mergeAttributes, putCustomAttributes } from '../src/index.js';

t.test('names and values per ECS\'s rules', async (t) => {
  t.doesNotThrow(() => checkAttributes('attributes', [
    { name: 'ecs.capability.task-eni' }, { name: 'a/b\\c_d-e.f', value: 'x y@z:1/2\\3.4-5_6' }, { name: 'n'.repeat(128), value: 'v'.repeat(128) },
  ]));
  const bad: [object, string][] = [
    [{ name: '' }, 'attributes[0].name'], [{ name: 'a b' }, 'attributes[0].name'], [{ name: 'n'.repeat(129) }, 'attributes[0].name'],
    [{ name: 'a', value: '' }, 'attributes[0].value'], [{ name: 'a', value: 'trailing ' }, 'attributes[0].value'], [{ name: 'a', value: 'semi;colon' }, 'attributes[0].value'],
    [{ name: 'a', targetType: 'service' }, 'attributes[0].targetType'],
  ];
  for (const [a, field] of bad) {
    const e = t.throws(() => checkAttributes('attributes', [a as never])) as unknown as { field: string; ecsName: string };
    t.equal(e.ecsName, 'InvalidParameterException');
    t.equal(e.field, field, JSON.stringify(a));
  }
  const dup = t.throws(() => checkAttributes('attributes', [{ name: 'a' }, { name: 'a', value: 'b' }])) as unknown as { field: string };
  t.equal(dup.field, 'attributes[1].name');
});

t.test('agent attributes, then custom ones (which win); at most 10 custom', async (t) => {
  t.same(mergeAttributes([{ name: 'ecs.os-type', value: 'linux' }, { name: 'stack', value: 'dev' }], [{ name: 'stack', value: 'prod', targetId: 'x' }]),
    [{ name: 'ecs.os-type', value: 'linux' }, { name: 'stack', value: 'prod' }]);
  const nine = Array.from({ length: 9 }, (_, i) => ({ name: `k${i}`, value: 'v' }));
  t.same(putCustomAttributes(nine, [{ name: 'k0', value: 'new' }], 'i').find((a) => a.name === 'k0'), { name: 'k0', value: 'new' }, 'same name: value replaced');
  t.equal(putCustomAttributes(nine, [{ name: 'k9' }], 'i').length, MAX_CUSTOM_ATTRIBUTES);
  const over = t.throws(() => putCustomAttributes(nine, [{ name: 'k9' }, { name: 'k10' }], 'container instance i')) as unknown as { ecsName: string; message: string };
  t.equal(over.ecsName, 'AttributeLimitExceededException');
  t.match(over.message, /container instance i would have 11 custom attributes; at most 10/);
});
