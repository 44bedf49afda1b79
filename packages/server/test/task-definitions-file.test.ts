import t from 'tap';
import { startTestServer } from './helpers.js';
import { taskDefinitionSuite } from './task-definitions.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
taskDefinitionSuite(t, ts);
