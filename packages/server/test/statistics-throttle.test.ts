// An instance's statistics are written at most once per interval: the first at once, then only the newest
// of what arrived meanwhile, when the interval is over; nothing after close.
import t from 'tap';
import { StatisticsThrottle } from '../src/dispatch/statistics-throttle.js';

t.test('the first at once, then the newest once the interval is over', async (t) => {
  const written: number[] = [];
  const throttle = new StatisticsThrottle<number>(300, async (v) => void written.push(v));
  throttle.offer(1);
  for (const v of [2, 3, 4]) throttle.offer(v);
  t.same(written, [1], 'one write at once; the rest wait');
  await new Promise((r) => setTimeout(r, 450));
  t.same(written, [1, 4], 'then the newest, once');
  throttle.offer(5);
  throttle.close();
  await new Promise((r) => setTimeout(r, 450));
  t.same(written, [1, 4], 'nothing is written after close');
});
