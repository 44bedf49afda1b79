// Progress of long work: on a terminal one line redrawn in place with a bar, cut to the terminal's width;
// piped, a plain line each time the text changes; the last word replaces the bar or follows the lines.
import t from 'tap';
import { bar, progress } from '../src/progress.js';

const writer = (isTTY: boolean, columns?: number) => {
  const written: string[] = [];
  return { written, terminal: { isTTY, ...(columns ? { columns } : {}), write: (s: string) => written.push(s) } };
};

t.test('bar', async (t) => {
  t.equal(bar(0, 4, 8), '[--------]');
  t.equal(bar(1, 4, 8), '[##------]');
  t.equal(bar(4, 4, 8), '[########]');
  t.equal(bar(0, 0, 8), '[--------]', 'nothing to do yet');
  t.equal(bar(5, 4, 8), '[########]', 'never past full');
});

t.test('on a terminal: redrawn in place, unchanged frames not written, the end replaces it', async (t) => {
  const { written, terminal } = writer(true, 40);
  const p = progress(terminal);
  p.update(1, 2, 'waiting');
  p.update(1, 2, 'waiting');
  p.update(2, 2, 'waiting for the last one to become healthy, which takes long');
  p.end('done');
  t.same(written, [
    '\r[##########----------] 1/2 waiting\x1b[K',
    '\r[####################] 2/2 waiting for \x1b[K', // 39 columns: the width less one
    '\r\x1b[Kdone\n',
  ]);
});

t.test('piped: a line per change, then the end', async (t) => {
  const { written, terminal } = writer(false);
  const p = progress(terminal);
  p.update(0, 2, '0 of 2 running');
  p.update(0, 2, '0 of 2 running');
  p.update(1, 2, '1 of 2 running');
  p.end('rolled out');
  t.same(written, ['0 of 2 running\n', '1 of 2 running\n', 'rolled out\n']);
});
