// The same task-definition suite with the control plane on a real etcd.
import t from 'tap';
import { ETCD, startTestServer } from './helpers.js';
import { taskDefinitionSuite } from './task-definitions.js';

const ts = await startTestServer({ store: `etcd://${ETCD}` });
t.teardown(() => ts.close());
taskDefinitionSuite(t, ts);
