// berth top's order: busiest first by the share of what each has (or the amount where no share is known),
// rows without the figure last, ties by name.
import t from 'tap';
import { sortRows, type TopRow } from '../src/commands/top.js';

const rows: TopRow[] = [
  { name: 'b', cpu: 10, cpuPercent: 5, memory: 30, memoryPercent: 90 },
  { name: 'none' },
  { name: 'a', cpu: 300, cpuPercent: 60, memory: 10, memoryPercent: 20 },
  { name: 'c', cpu: 10, cpuPercent: 5, memory: 8 },
];

t.same(sortRows(rows, 'cpu').map((r) => r.name), ['a', 'b', 'c', 'none'], 'by CPU share; a tie by name; no figure last');
t.same(sortRows(rows, 'memory').map((r) => r.name), ['b', 'a', 'c', 'none'], 'by memory share, else the MiB used');
t.same(rows.map((r) => r.name), ['b', 'none', 'a', 'c'], 'the rows given are left as they were');
