// The agent's end of the request/stream facility on real Docker, driven frame by frame as the server drives
// it: a command writing far more than a window sends one window and then waits, blocked in the container,
// until credit comes (a slow client back-pressures the container); with credit as it is consumed, every
// byte arrives and the exit code follows. Only this agent's containers are reached.
import t from 'tap';
import Docker from 'dockerode';
import { createLogger } from '@berth/api';
import type { TaskStreamFrame } from '@berth/core';
import { AgentTaskStreams } from '../src/task-io/task-streams.js';
import { INSTANCE_LABEL, LABEL_CONTAINER_NAME, LABEL_TASK_ARN } from '../src/engine/container-identity.js';
import { IMAGE, docker as dockerCli, until } from './e2e-helpers.js';

const dockerd = new Docker();
const instance = `streams-${process.pid}`;
const taskArn = `arn:aws:ecs:us-east-1:000000000000:task/streams/${process.pid}`;
const c = await dockerd.createContainer({
  Image: IMAGE, Cmd: ['sleep', '3600'],
  Labels: { [INSTANCE_LABEL]: instance, [LABEL_TASK_ARN]: taskArn, [LABEL_CONTAINER_NAME]: 'app' },
});
await c.start();
t.teardown(() => c.remove({ force: true }));

const frames: TaskStreamFrame[] = [];
const streams = new AgentTaskStreams(dockerd, instance, (f) => frames.push(f), createLogger('error'));
const sent = (id: string, fd?: number) => frames.filter((f) => f.streamId === id && f.data && (fd === undefined || f.fd === fd)).reduce((n, f) => n + f.data!.length, 0);
const endOf = (id: string) => frames.find((f) => f.streamId === id && f.end)?.end;
const WINDOW = 64 * 1024;
// The command writes CHUNKS chunks and records how many it has written in a file, so the test sees from inside
// the container whether the writer is blocked. The total is far more than the kernel's pipes and sockets and
// dockerd hold between the command and the agent (a fixed 2 MB once all fit on a fast machine, and the
// command had exited while its output still waited).
const CHUNK = 64 * 1024;
const CHUNKS = 256;
const TOTAL = CHUNK * CHUNKS;
const progress = () => Number(dockerCli('exec', c.id, 'sh', '-c', 'cat /tmp/progress 2>/dev/null || echo 0').trim());

t.test('no credit: one window out, the command blocked; credit as consumed: all of it and the exit code', async (t) => {
  const script = `i=0; while [ $i -lt ${CHUNKS} ]; do head -c ${CHUNK} /dev/zero | tr '\\0' x; i=$((i+1)); echo $i > /tmp/progress; done; echo done >&2; exit 5`;
  streams.onFrame({ streamId: 'big', open: { kind: 'exec', taskArn, containerName: 'app', window: WINDOW, command: ['sh', '-c', script], tty: false, stdin: false } });
  await until('a window sent', async () => sent('big') === WINDOW || undefined, 15_000);
  // Blocked: the written count stops moving once the buffers on the way are full.
  let last = -1;
  const stalled = await until('the writer stalls', async () => {
    const now = progress();
    const still = now === last;
    last = now;
    return still ? now : undefined;
  }, 30_000, 500);
  t.ok(stalled < CHUNKS, `the command waits in the container, blocked on its output (${stalled} of ${CHUNKS} chunks written)`);
  t.equal(sent('big'), WINDOW, 'nothing past the window without credit');
  t.equal(endOf('big'), undefined, 'not ended');
  let given = WINDOW;
  await until('everything sent', async () => {
    const out = sent('big');
    if (out > given - WINDOW) {
      // Credit for what was consumed, as a client reading at its own pace gives it.
      streams.onFrame({ streamId: 'big', credit: out - (given - WINDOW) + 3 * WINDOW });
      given += out - (given - WINDOW) + 3 * WINDOW;
    }
    return endOf('big') !== undefined || undefined;
  }, 90_000, 20);
  t.equal(sent('big', 1), TOTAL, 'every byte of stdout');
  t.equal(Buffer.concat(frames.filter((f) => f.streamId === 'big' && f.fd === 2).map((f) => f.data!)).toString(), 'done\n', 'stderr apart');
  t.same(endOf('big'), { exitCode: 5 });
  t.equal(streams.size, 0, 'the stream is gone');
});

t.test('only this agent\'s containers; a log driver Docker cannot read back is named', async (t) => {
  streams.onFrame({ streamId: 'other', open: { kind: 'logs', taskArn, containerName: 'nope', window: WINDOW, follow: false, timestamps: false } });
  await until('refused', async () => endOf('other') || undefined);
  t.match(endOf('other'), { errorCode: 'InvalidParameterException', error: /The container 'nope' of task .* is not on its container instance/ });
  const foreign = new AgentTaskStreams(dockerd, 'another-instance', (f) => frames.push(f), createLogger('error'));
  foreign.onFrame({ streamId: 'foreign', open: { kind: 'exec', taskArn, containerName: 'app', window: WINDOW, command: ['true'], tty: false, stdin: false } });
  await until('refused', async () => endOf('foreign') || undefined);
  t.match(endOf('foreign'), { errorCode: 'InvalidParameterException' }, 'another instance\'s agent does not reach it');
});

t.test('a cancel from the server kills the command', async (t) => {
  streams.onFrame({ streamId: 'long', open: { kind: 'exec', taskArn, containerName: 'app', window: WINDOW, command: ['sleep', '4545'], tty: false, stdin: false } });
  await until('running', async () => dockerCli('top', c.id).includes('sleep 4545') || undefined, 15_000);
  streams.onFrame({ streamId: 'long', end: { error: 'The client went away.' } });
  await until('killed', async () => !dockerCli('top', c.id).includes('sleep 4545') || undefined, 15_000);
  t.equal(streams.size, 0);
});
