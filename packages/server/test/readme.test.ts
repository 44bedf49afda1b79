// The README's list of supported ECS actions stays true: it names exactly the implemented ones, and
// each is an action of the ECS model.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { OPERATIONS } from '@berth/core';
import { IMPLEMENTED_ACTIONS } from '../src/index.js';
import { REPO_ROOT } from './helpers.js';

const readme = readFileSync(`${REPO_ROOT}README.md`, 'utf8');
const para = /Supported ECS actions[^:]*:([^.]*)\./.exec(readme)?.[1] ?? '';
const listed = para.split(',').map((s) => s.trim()).filter(Boolean).sort();

t.same(listed, [...IMPLEMENTED_ACTIONS].sort(), 'README lists exactly the implemented actions');
for (const a of IMPLEMENTED_ACTIONS) t.ok(a in OPERATIONS, `${a} is an ECS action`);
