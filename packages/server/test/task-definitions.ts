// The task-definition API over real gRPC, as one suite run on both store backends
// (task-definitions-file.test.ts, task-definitions-etcd.test.ts).
import type { Test } from 'tap';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SHAPES, type RegisterTaskDefinitionRequest, type TaskDefinition } from '@berth/core';
import { REPO_ROOT, rejection, uniq, type TestServer } from './helpers.js';
import { getFamily, getRevision } from '../src/state/task-definitions.js';
import { sweepRetention } from '../src/controllers/leader/retention.js';

export const example = (file: string): RegisterTaskDefinitionRequest =>
  parse(readFileSync(`${REPO_ROOT}examples/taskdefs/${file}`, 'utf8')) as RegisterTaskDefinitionRequest;

const minimal = (family: string): RegisterTaskDefinitionRequest => ({
  family,
  containerDefinitions: [{ name: 'app', image: 'berth-test/busybox:latest', memory: 64, command: ['/bin/sleep', '60'] }],
});

/** Every key of `sent` is in `got` with the same value (got may add ECS's computed members). */
function contains(t: Test, got: unknown, sent: unknown, path: string): void {
  if (Array.isArray(sent)) {
    t.ok(Array.isArray(got), `${path} is a list`);
    t.equal((got as unknown[]).length, sent.length, `${path} keeps its length`);
    sent.forEach((v, i) => contains(t, (got as unknown[])[i], v, `${path}[${i}]`));
  } else if (sent !== null && typeof sent === 'object') {
    for (const [k, v] of Object.entries(sent)) contains(t, (got as Record<string, unknown>)?.[k], v, `${path}.${k}`);
  } else {
    t.equal(got, sent, path);
  }
}

/** Every member name in an object is a member of its ECS shape, recursively. */
function namesFromModel(value: unknown, shapeName: string, path: string, bad: string[]): void {
  const shape = SHAPES[shapeName]!;
  if (shape.type === 'structure' && value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const member = shape.members[k];
      if (!member) bad.push(`${path}.${k}`);
      else namesFromModel(v, member, `${path}.${k}`, bad);
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    value.forEach((v, i) => namesFromModel(v, shape.member, `${path}[${i}]`, bad));
  }
}

export function taskDefinitionSuite(t: Test, ts: TestServer): void {
  const { client } = ts;
  const { store } = ts.server.ctx;

  t.test('register gives revision 1, then 2; describe by family gives the latest', async (t) => {
    const family = uniq('webserver');
    const req = { ...example('nginx.json'), family };
    const r1 = await client.call('RegisterTaskDefinition', req);
    t.equal(r1.taskDefinition?.revision, 1);
    t.equal(r1.taskDefinition?.status, 'ACTIVE');
    t.equal(r1.taskDefinition?.taskDefinitionArn, `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:1`);
    t.type(r1.taskDefinition?.registeredAt, 'number', 'registeredAt is epoch seconds');
    const r2 = await client.call('RegisterTaskDefinition', req);
    t.equal(r2.taskDefinition?.revision, 2);
    const d = await client.call('DescribeTaskDefinition', { taskDefinition: family });
    t.equal(d.taskDefinition?.revision, 2);
    const d1 = await client.call('DescribeTaskDefinition', { taskDefinition: `${family}:1` });
    t.equal(d1.taskDefinition?.revision, 1);
    const byArn = await client.call('DescribeTaskDefinition', { taskDefinition: r1.taskDefinition!.taskDefinitionArn! });
    t.same(byArn.taskDefinition, d1.taskDefinition);
    const c = d.taskDefinition!.containerDefinitions![0]!;
    t.same([c.essential, c.environment, c.mountPoints, c.volumesFrom], [true, [], [], []], 'ECS defaults filled');
  });

  t.test('a rich task definition comes back whole, with names from the model', async (t) => {
    for (const file of ['rich-awsvpc.json', 'rich-bridge.yaml']) {
      const req = example(file);
      req.family = uniq(req.family);
      const reg = await client.call('RegisterTaskDefinition', req);
      const { taskDefinition, tags } = await client.call('DescribeTaskDefinition', { taskDefinition: req.family, include: ['TAGS'] });
      t.same(taskDefinition, reg.taskDefinition, `${file}: describe equals the register response`);
      const { tags: sentTags, cpu, memory, ...rest } = req;
      contains(t, taskDefinition, rest, file);
      t.same(tags, sentTags, `${file}: tags with include TAGS`);
      if (cpu) t.match(taskDefinition?.cpu, /^\d+$/, 'task cpu normalised to units');
      if (memory) t.match(taskDefinition?.memory, /^\d+$/, 'task memory normalised to MiB');
      const bad: string[] = [];
      namesFromModel(taskDefinition as TaskDefinition, 'TaskDefinition', 'taskDefinition', bad);
      t.same(bad, [], `${file}: every returned member is an ECS member`);
    }
  });

  t.test('concurrent registrations of one family never duplicate or skip a revision', async (t) => {
    const family = uniq('race');
    const n = 40;
    const res = await Promise.all(Array.from({ length: n }, () => client.call('RegisterTaskDefinition', minimal(family))));
    const revs = res.map((r) => r.taskDefinition!.revision!).sort((a, b) => a - b);
    t.same(revs, Array.from({ length: n }, (_, i) => i + 1));
  });

  t.test('deregister, delete, and revisions are never reused', async (t) => {
    const family = uniq('life');
    for (let i = 0; i < 3; i++) await client.call('RegisterTaskDefinition', minimal(family));
    const dereg = await client.call('DeregisterTaskDefinition', { taskDefinition: `${family}:3` });
    t.equal(dereg.taskDefinition?.status, 'INACTIVE');
    t.type(dereg.taskDefinition?.deregisteredAt, 'number');
    t.equal((await client.call('DescribeTaskDefinition', { taskDefinition: family })).taskDefinition?.revision, 2, 'bare family = latest ACTIVE');
    t.equal((await client.call('DescribeTaskDefinition', { taskDefinition: `${family}:3` })).taskDefinition?.status, 'INACTIVE', 'INACTIVE still describable');
    const noRev = await rejection(client.call('DeregisterTaskDefinition', { taskDefinition: family }));
    t.same([noRev.ecsName, noRev.message, noRev.field], ['ClientException', 'Revision is missing.', 'taskDefinition'], 'ECS\'s words for a reference without a revision');
    const del = await client.call('DeleteTaskDefinitions', { taskDefinitions: [`${family}:3`, `${family}:2`, `${family}:99`, family] });
    t.same(del.taskDefinitions?.map((d) => [d.revision, d.status]), [[3, 'DELETE_IN_PROGRESS']]);
    t.same(del.failures?.map((f) => [f.arn?.replace(/^arn:.*task-definition\//, ''), f.reason]), [
      [`${family}:2`, 'The specified task definition is still in ACTIVE status. Please deregister the target and try again.'],
      [`${family}:99`, 'The specified task definition does not exist. Specify a valid account, family, revision and try again.'],
      [family, 'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.'],
    ], 'ECS\'s failure reasons, per revision');
    const deleting = await client.call('DescribeTaskDefinition', { taskDefinition: `${family}:3` });
    t.equal(deleting.taskDefinition?.status, 'DELETE_IN_PROGRESS', 'describable while deletion is in progress');
    const listed = await client.call('ListTaskDefinitions', { familyPrefix: family, status: 'DELETE_IN_PROGRESS' });
    t.same(listed.taskDefinitionArns?.map((a) => a.split('/')[1]), [`${family}:3`]);
    const again = await client.call('DeleteTaskDefinitions', { taskDefinitions: [`${family}:3`] });
    t.equal(again.taskDefinitions?.[0]?.status, 'DELETE_IN_PROGRESS', 'deleting again is idempotent');
    await sweepRetention(ts.server.ctx);
    const gone = await rejection(client.call('DescribeTaskDefinition', { taskDefinition: `${family}:3` }));
    t.equal(gone.ecsName, 'ClientException', 'removed by the sweep once no task references it');
    const r = await client.call('RegisterTaskDefinition', minimal(family));
    t.equal(r.taskDefinition?.revision, 4, 'revision 3 is not reused');
    for (const rev of [1, 2, 4]) await client.call('DeregisterTaskDefinition', { taskDefinition: `${family}:${rev}` });
    const none = await rejection(client.call('DescribeTaskDefinition', { taskDefinition: family }));
    t.equal(none.ecsName, 'ClientException');
    t.equal(none.message, 'Unable to describe task definition.');
  });

  t.test('ListTaskDefinitions: family filter, status, sort, pages', async (t) => {
    const a = uniq('lista'), b = a + '-b';
    for (let i = 0; i < 3; i++) await client.call('RegisterTaskDefinition', minimal(a));
    for (let i = 0; i < 2; i++) await client.call('RegisterTaskDefinition', minimal(b));
    await client.call('DeregisterTaskDefinition', { taskDefinition: `${a}:2` });
    const onlyA = await client.call('ListTaskDefinitions', { familyPrefix: a });
    t.same(onlyA.taskDefinitionArns?.map((x) => x.split('/')[1]), [`${a}:1`, `${a}:3`], 'familyPrefix is an exact family; ACTIVE by default');
    const inactive = await client.call('ListTaskDefinitions', { familyPrefix: a, status: 'INACTIVE' });
    t.same(inactive.taskDefinitionArns?.map((x) => x.split('/')[1]), [`${a}:2`]);
    const desc = await client.call('ListTaskDefinitions', { familyPrefix: a, sort: 'DESC' });
    t.same(desc.taskDefinitionArns?.map((x) => x.split('/')[1]), [`${a}:3`, `${a}:1`]);
    const all: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.call('ListTaskDefinitions', { maxResults: 1, ...(nextToken ? { nextToken } : {}) });
      all.push(...page.taskDefinitionArns!);
      nextToken = page.nextToken;
    } while (nextToken);
    const mine = all.filter((x) => x.includes(`/${a}`));
    t.same(mine.map((x) => x.split('/')[1]), [`${a}:1`, `${a}:3`, `${b}:1`, `${b}:2`], 'family order then revision, across pages');
    const bad = await rejection(client.call('ListTaskDefinitions', { status: 'GONE' as never }));
    t.equal(bad.field, 'status');
  });

  t.test('ListTaskDefinitionFamilies: prefix and status filters', async (t) => {
    const p = uniq('fam');
    await client.call('RegisterTaskDefinition', minimal(`${p}-active`));
    await client.call('RegisterTaskDefinition', minimal(`${p}-idle`));
    await client.call('DeregisterTaskDefinition', { taskDefinition: `${p}-idle:1` });
    const list = async (status?: 'ACTIVE' | 'INACTIVE' | 'ALL') =>
      (await client.call('ListTaskDefinitionFamilies', { familyPrefix: p, ...(status ? { status } : {}) })).families;
    t.same(await list(), [`${p}-active`, `${p}-idle`]);
    t.same(await list('ACTIVE'), [`${p}-active`]);
    t.same(await list('INACTIVE'), [`${p}-idle`]);
    await client.call('DeleteTaskDefinitions', { taskDefinitions: [`${p}-idle:1`] });
    t.same(await list('ALL'), [`${p}-active`], 'a family with no revisions left disappears');
    const paged = await client.call('ListTaskDefinitionFamilies', { familyPrefix: p, maxResults: 1 });
    t.equal(paged.families?.length, 1);
    t.ok(paged.nextToken);
  });

  t.test('invalid task definitions name the field, and nothing is written', async (t) => {
    // The leader's cluster counts settle first, so a write after this is the test's.
    await ts.server.leader.flushClusterStats();
    const before = await store.revision();
    const family = uniq('bad');
    const cases: [string, RegisterTaskDefinitionRequest, string, string][] = [
      ['family pattern', { ...minimal(family), family: 'no spaces' }, 'InvalidParameterException', 'family'],
      // An empty list arrives as one on every transport, and ECS's answer to it is a ClientException.
      ['no containers', { family, containerDefinitions: [] }, 'ClientException', 'containerDefinitions'],
      ['no image', { family, containerDefinitions: [{ name: 'a', memory: 64 } as never] }, 'ClientException', 'containerDefinitions[0].image'],
      ['enum', { ...minimal(family), networkMode: 'brige' as never }, 'InvalidParameterException', 'networkMode'],
      ['memory', { family, containerDefinitions: [{ name: 'a', image: 'x' }] }, 'ClientException', 'containerDefinitions[0].memory'],
    ];
    for (const [what, req, name, field] of cases) {
      const e = await rejection(client.call('RegisterTaskDefinition', req));
      t.equal(e.ecsName, name, `${what}: ${name}`);
      t.equal(e.field, field, `${what}: field ${field}`);
    }
    // A private file store proves it by its revision; a shared etcd (other tests write to it at the
    // same time) by the keys this family would have written.
    if (store.kind === 'file') t.equal(await store.revision(), before, 'no write happened');
    t.equal(await getFamily(store, family), null, 'no family record');
    t.equal(await getRevision(store, family, 1), null, 'no revision record');
    const desc = await rejection(client.call('DescribeTaskDefinition', { taskDefinition: family }));
    t.equal(desc.ecsName, 'ClientException');
  });
}
