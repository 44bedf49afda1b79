// The same task-definition suite with the control plane on a real etcd (a namespace of the shared one).
import t from 'tap';
import { clearEtcdNamespace, etcdNamespace, startTestServer } from './helpers.js';
import { taskDefinitionSuite } from './task-definitions.js';

const namespace = etcdNamespace('taskdefs');
const ts = await startTestServer({ etcdNamespace: namespace });
t.teardown(async () => {
  await ts.close();
  await clearEtcdNamespace(namespace);
});
taskDefinitionSuite(t, ts);
