// Table tests of the ECS status rules (pure).
import t from 'tap';
import {
  backendStatus,
  nextDesired,
  nextTransition,
  parseStatus,
  rank,
  taskDesiredStatus,
  taskKnownStatus,
  type ContainerStatus,
  type ContainerView,
  type DesiredStatus,
} from '../src/engine/task-status.js';

const v = (knownStatus: ContainerStatus, essential = true, desiredStatus: DesiredStatus = 'RUNNING'): ContainerView => ({ knownStatus, essential, desiredStatus });

t.test('order and backend status', async (t) => {
  t.ok(rank('NONE') < rank('PULLED') && rank('PULLED') < rank('CREATED') && rank('CREATED') < rank('RUNNING') && rank('RUNNING') < rank('STOPPED'));
  const cases: [ContainerStatus, string][] = [['NONE', 'PENDING'], ['PULLED', 'PENDING'], ['CREATED', 'PENDING'], ['RUNNING', 'RUNNING'], ['STOPPED', 'STOPPED']];
  for (const [s, b] of cases) t.equal(backendStatus(s), b, `${s} -> ${b}`);
  t.equal(parseStatus('DEAD'), 'STOPPED');
  t.equal(parseStatus('UNKNOWN'), 'NONE');
  t.equal(parseStatus('MANIFEST_PULLED'), 'PULLED');
  t.equal(parseStatus('bogus'), 'NONE');
});

t.test('desired status only moves forward', async (t) => {
  const cases: [DesiredStatus, DesiredStatus, DesiredStatus][] = [
    ['RUNNING', 'RUNNING', 'RUNNING'],
    ['RUNNING', 'STOPPED', 'STOPPED'],
    ['STOPPED', 'RUNNING', 'STOPPED'],
    ['STOPPED', 'STOPPED', 'STOPPED'],
  ];
  for (const [cur, inc, want] of cases) t.equal(nextDesired(cur, inc), want, `${cur} + ${inc}`);
});

t.test('task known status = earliest container status, forward only, essential rule', async (t) => {
  const cases: [string, ContainerStatus, ContainerView[], ContainerStatus][] = [
    ['all none', 'NONE', [v('NONE'), v('NONE')], 'NONE'],
    ['one pulled', 'NONE', [v('PULLED'), v('NONE')], 'NONE'],
    ['both created', 'NONE', [v('CREATED'), v('CREATED')], 'CREATED'],
    ['one running', 'CREATED', [v('RUNNING'), v('CREATED')], 'CREATED'],
    ['all running', 'CREATED', [v('RUNNING'), v('RUNNING')], 'RUNNING'],
    ['non-essential stopped, rest running', 'CREATED', [v('RUNNING'), v('STOPPED', false)], 'RUNNING'],
    ['essential stopped while the rest runs: not RUNNING', 'CREATED', [v('RUNNING'), v('STOPPED', true)], 'CREATED'],
    ['essential stopped, task was RUNNING: stays', 'RUNNING', [v('RUNNING'), v('STOPPED', true)], 'RUNNING'],
    ['all stopped', 'RUNNING', [v('STOPPED'), v('STOPPED', false)], 'STOPPED'],
    ['never goes back', 'RUNNING', [v('CREATED'), v('RUNNING')], 'RUNNING'],
    ['stopped without ever running', 'NONE', [v('STOPPED'), v('STOPPED')], 'STOPPED'],
    ['no containers keeps current', 'CREATED', [], 'CREATED'],
  ];
  for (const [name, cur, cs, want] of cases) t.equal(taskKnownStatus(cur, cs), want, name);
});

t.test('essential rule sets the task desired status to STOPPED', async (t) => {
  const cases: [string, DesiredStatus, ContainerView[], DesiredStatus][] = [
    ['all running', 'RUNNING', [v('RUNNING'), v('RUNNING', false)], 'RUNNING'],
    ['non-essential stopped', 'RUNNING', [v('RUNNING'), v('STOPPED', false)], 'RUNNING'],
    ['non-essential given up', 'RUNNING', [v('RUNNING'), v('CREATED', false, 'STOPPED')], 'RUNNING'],
    ['essential stopped', 'RUNNING', [v('STOPPED'), v('RUNNING', false)], 'STOPPED'],
    ['essential given up (desired STOPPED)', 'RUNNING', [v('PULLED', true, 'STOPPED'), v('RUNNING')], 'STOPPED'],
    ['already stopped', 'STOPPED', [v('RUNNING')], 'STOPPED'],
  ];
  for (const [name, cur, cs, want] of cases) t.equal(taskDesiredStatus(cur, cs), want, name);
});

t.test('next transition of a container', async (t) => {
  type Row = [string, ContainerStatus, DesiredStatus, ContainerStatus | undefined, { next: ContainerStatus; actionRequired: boolean } | null];
  const cases: Row[] = [
    ['none -> pull', 'NONE', 'RUNNING', undefined, { next: 'PULLED', actionRequired: true }],
    ['pulled -> create', 'PULLED', 'RUNNING', undefined, { next: 'CREATED', actionRequired: true }],
    ['created -> start', 'CREATED', 'RUNNING', undefined, { next: 'RUNNING', actionRequired: true }],
    ['running at desired', 'RUNNING', 'RUNNING', undefined, null],
    ['stopped past desired', 'STOPPED', 'RUNNING', undefined, null],
    ['in flight: no second transition', 'PULLED', 'RUNNING', 'CREATED', null],
    ['running -> stop with Docker', 'RUNNING', 'STOPPED', undefined, { next: 'STOPPED', actionRequired: true }],
    ['stop in flight', 'RUNNING', 'STOPPED', 'STOPPED', null],
    ['never started -> STOPPED without Docker (none)', 'NONE', 'STOPPED', undefined, { next: 'STOPPED', actionRequired: false }],
    ['never started -> STOPPED without Docker (created)', 'CREATED', 'STOPPED', undefined, { next: 'STOPPED', actionRequired: false }],
    ['pull in flight is abandoned', 'NONE', 'STOPPED', 'PULLED', { next: 'STOPPED', actionRequired: false }],
    ['create in flight must land first', 'PULLED', 'STOPPED', 'CREATED', null],
    ['start in flight must land first', 'CREATED', 'STOPPED', 'RUNNING', null],
    ['already stopped', 'STOPPED', 'STOPPED', undefined, null],
  ];
  for (const [name, known, desired, applied, want] of cases) t.same(nextTransition(known, desired, applied), want, name);
});
