// Capacity provider strategies as tables: which strategy a launch uses (request, the cluster's default, or
// the launch type), ECS's checks and texts, and the split of tasks base first, then by weight.
import t from 'tap';
import { BerthError, checkStrategy, launchStrategy, splitByStrategy, type StrategyItem } from '../src/index.js';

const split = (s: StrategyItem[], n: number, existing: Record<string, number> = {}) => Object.fromEntries(splitByStrategy(s, n, existing));

t.test('the split: base first, then by weight', async (t) => {
  const rows: [string, StrategyItem[], number, Record<string, number>, Record<string, number>][] = [
    ['one provider takes all', [{ capacityProvider: 'a', weight: 1 }], 5, {}, { a: 5 }],
    ['equal weights alternate, the first first', [{ capacityProvider: 'a', weight: 1 }, { capacityProvider: 'b', weight: 1 }], 3, {}, { a: 2, b: 1 }],
    ['ECS\'s example: base 1 on a, then 1:4', [{ capacityProvider: 'a', base: 1, weight: 1 }, { capacityProvider: 'b', weight: 4 }], 6, {}, { a: 2, b: 4 }],
    ['the base before any weight', [{ capacityProvider: 'a', weight: 1 }, { capacityProvider: 'b', base: 3, weight: 1 }], 3, {}, { b: 3 }],
    ['fewer tasks than the base', [{ capacityProvider: 'a', base: 10, weight: 1 }, { capacityProvider: 'b', weight: 1 }], 4, {}, { a: 4 }],
    ['weight 0 takes only its base', [{ capacityProvider: 'a', base: 2, weight: 0 }, { capacityProvider: 'b', weight: 1 }], 5, {}, { a: 2, b: 3 }],
    ['weight 0 without base takes nothing', [{ capacityProvider: 'a', weight: 0 }, { capacityProvider: 'b', weight: 2 }], 4, {}, { b: 4 }],
    ['1:3 over 8', [{ capacityProvider: 'a', weight: 1 }, { capacityProvider: 'b', weight: 3 }], 8, {}, { a: 2, b: 6 }],
    ['existing tasks count: the base is already met', [{ capacityProvider: 'a', base: 2, weight: 1 }, { capacityProvider: 'b', weight: 1 }], 2, { a: 2 }, { a: 1, b: 1 }],
    ['existing tasks count: the lagging provider catches up', [{ capacityProvider: 'a', weight: 1 }, { capacityProvider: 'b', weight: 1 }], 3, { a: 4, b: 1 }, { b: 3 }],
    ['zero tasks', [{ capacityProvider: 'a', weight: 1 }], 0, {}, {}],
  ];
  for (const [name, s, n, existing, want] of rows) t.same(split(s, n, existing), want, name);
});

t.test('the split never gives more or fewer than asked', async (t) => {
  const s: StrategyItem[] = [{ capacityProvider: 'a', base: 3, weight: 2 }, { capacityProvider: 'b', weight: 5 }, { capacityProvider: 'c', weight: 1 }];
  for (let n = 0; n < 40; n++) t.equal([...splitByStrategy(s, n).values()].reduce((a, b) => a + b, 0), n, `${n} tasks`);
});

const err = (f: () => unknown): { name: string; field?: string; message: string } | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    const b = e as BerthError;
    return { name: b.ecsName, ...(b.field !== undefined ? { field: b.field } : {}), message: b.message };
  }
};

t.test('which strategy a launch uses', async (t) => {
  const cluster = { capacityProviders: ['pis', 'vms'], defaultCapacityProviderStrategy: [{ capacityProvider: 'pis', weight: 1, base: 0 }] };
  t.same(launchStrategy('capacityProviderStrategy', [{ capacityProvider: 'vms', weight: 2 }], undefined, cluster), { strategy: [{ capacityProvider: 'vms', weight: 2 }], source: 'request' }, 'the request\'s');
  t.same(launchStrategy('capacityProviderStrategy', undefined, undefined, cluster), { strategy: [{ capacityProvider: 'pis', base: 0, weight: 1 }], source: 'default' }, 'no launchType: the cluster\'s default');
  t.same(launchStrategy('capacityProviderStrategy', [], undefined, cluster)?.source, 'default', 'an empty strategy is none');
  t.equal(launchStrategy('capacityProviderStrategy', undefined, 'EC2', cluster), undefined, 'a launchType: no strategy');
  t.equal(launchStrategy('capacityProviderStrategy', undefined, undefined, { capacityProviders: [] }), undefined, 'no default: the EC2 launch type');
  t.same(launchStrategy('capacityProviderStrategy', [{ capacityProvider: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/vms', weight: 1 }], undefined, cluster)?.strategy, [{ capacityProvider: 'vms', weight: 1 }], 'an ARN names the provider');
  t.match(err(() => launchStrategy('capacityProviderStrategy', [{ capacityProvider: 'vms', weight: 1 }], 'EC2', cluster)),
    { name: 'InvalidParameterException', field: 'capacityProviderStrategy', message: 'Specify either Launch Type or Capacity Provider Strategy, but not both.' });
});

t.test('ECS\'s checks of a strategy', async (t) => {
  const rows: [string, StrategyItem[], 'request' | 'default', { name: string; field: string; message: RegExp } | undefined][] = [
    ['fine', [{ capacityProvider: 'pis', base: 2, weight: 1 }, { capacityProvider: 'vms', weight: 3 }], 'request', undefined],
    ['not associated', [{ capacityProvider: 'other', weight: 1 }], 'request',
      { name: 'InvalidParameterException', field: 'capacityProviderStrategy[0].capacityProvider', message: /^The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster\./ }],
    ['two bases', [{ capacityProvider: 'pis', base: 1, weight: 1 }, { capacityProvider: 'vms', base: 1, weight: 1 }], 'request',
      { name: 'InvalidParameterException', field: 'capacityProviderStrategy', message: /^Only one capacity provider in a strategy can have a base defined\.$/ }],
    ['all weights 0', [{ capacityProvider: 'pis', base: 1 }], 'request',
      { name: 'InvalidParameterException', field: 'capacityProviderStrategy', message: /^There are no capacity providers with a weight value greater than zero defined in the capacity provider strategy\./ }],
    ['all weights 0 in the default', [{ capacityProvider: 'pis', weight: 0 }], 'default',
      { name: 'InvalidParameterException', field: 'capacityProviderStrategy', message: /in the default capacity provider strategy\. .*Update the cluster's default capacity provider strategy/ }],
    ['twice', [{ capacityProvider: 'pis', weight: 1 }, { capacityProvider: 'pis', weight: 1 }], 'request',
      { name: 'InvalidParameterException', field: 'capacityProviderStrategy[1].capacityProvider', message: /more than once/ }],
    ['weight too big', [{ capacityProvider: 'pis', weight: 1001 }], 'request', { name: 'InvalidParameterException', field: 'capacityProviderStrategy[0].weight', message: /between 0 and 1000/ }],
    ['base too big', [{ capacityProvider: 'pis', base: 100001, weight: 1 }], 'request', { name: 'InvalidParameterException', field: 'capacityProviderStrategy[0].base', message: /between 0 and 100000/ }],
    ['FARGATE', [{ capacityProvider: 'FARGATE', weight: 1 }], 'request', { name: 'UnsupportedFeatureException', field: 'capacityProviderStrategy[0].capacityProvider', message: /FARGATE/ }],
    ['seven providers', Array.from({ length: 7 }, (_, i) => ({ capacityProvider: `p${i}`, weight: 1 })), 'request',
      { name: 'InvalidParameterException', field: 'capacityProviderStrategy', message: /maximum of 6/ }],
  ];
  for (const [name, s, source, want] of rows) {
    const got = err(() => checkStrategy('capacityProviderStrategy', s, ['pis', 'vms', ...Array.from({ length: 7 }, (_, i) => `p${i}`)], source));
    if (want === undefined) t.equal(got, undefined, name);
    else t.match(got, want, name);
  }
});
