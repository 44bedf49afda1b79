import t from 'tap';
import { MAX_TAGS, mergeTags, removeTags } from '../src/index.js';

t.test('mergeTags: adds new keys, overwrites existing ones, keeps order', async (t) => {
  const cases: [string, { key: string; value?: string }[], { key: string; value?: string }[], { key: string; value?: string }[]][] = [
    ['into nothing', [], [{ key: 'a', value: '1' }], [{ key: 'a', value: '1' }]],
    ['new key appended', [{ key: 'a', value: '1' }], [{ key: 'b', value: '2' }], [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]],
    ['existing key overwritten in place', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }], [{ key: 'a', value: 'x' }], [{ key: 'a', value: 'x' }, { key: 'b', value: '2' }]],
    ['value omitted', [{ key: 'a', value: '1' }], [{ key: 'a' }], [{ key: 'a' }]],
  ];
  for (const [name, have, add, want] of cases) t.same(mergeTags(have, add), want, name);
});

t.test('mergeTags: at most 50 tags on a resource after the merge', async (t) => {
  const full = Array.from({ length: MAX_TAGS }, (_, i) => ({ key: `k${i}`, value: '' }));
  t.equal(mergeTags(full, [{ key: 'k0', value: 'again' }]).length, MAX_TAGS, 'overwriting does not count');
  t.throws(() => mergeTags(full, [{ key: 'one-more', value: '' }]), { ecsName: 'InvalidParameterException', field: 'tags', message: /at most 50/ });
});

t.test('removeTags: drops the keys given, ignores unknown ones', async (t) => {
  const have = [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }];
  t.same(removeTags(have, ['b', 'zz']), [{ key: 'a', value: '1' }, { key: 'c', value: '3' }]);
  t.same(removeTags(have, []), have);
  t.same(removeTags([], ['a']), []);
});
