// Docker's multiplexed stream, however its frames fall across chunks: every byte comes out once, in order,
// on its own fd.
import t from 'tap';
import { DockerDemuxer } from '../src/task-io/docker-multiplex.js';

const frame = (fd: number, text: string) => {
  const payload = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = fd;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
};

/** The demuxed output of `stream` cut into chunks of `size`, merged by fd in order. */
function demux(stream: Buffer, size: number): string[] {
  const d = new DockerDemuxer();
  const out: string[] = [];
  for (let i = 0; i < stream.length; i += size) {
    for (const c of d.push(stream.subarray(i, i + size))) {
      const last = out[out.length - 1];
      if (last?.startsWith(`${c.fd}:`)) out[out.length - 1] = last + c.data.toString();
      else out.push(`${c.fd}:${c.data.toString()}`);
    }
  }
  return out;
}

t.test('frames split and merged across chunks', async (t) => {
  const stream = Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n'), frame(1, ''), frame(1, 'x'.repeat(100)), frame(2, 'end')]);
  const want = ['1:hello\n', '2:oops\n', `1:${'x'.repeat(100)}`, '2:end'];
  for (const size of [1, 3, 7, 8, 9, 50, stream.length]) t.same(demux(stream, size), want, `chunks of ${size}`);
});
