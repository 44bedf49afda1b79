// FireLens's pure parts, with tables: which options the router applies (anything else refused naming it,
// at RunTask as at the router's start) and the router configuration a task's definition gives.
import t from 'tap';
import { firelensRefusal, firelensRouterConfig, taskDefinitionRefusal, type ContainerDefinition, type TaskDefinition } from '../src/index.js';

const router = (options?: Record<string, string>, type: 'fluentbit' | 'fluentd' = 'fluentbit'): ContainerDefinition => ({ name: 'log_router', image: 'berth/log-router', firelensConfiguration: { type, ...(options ? { options } : {}) } });
const app = (options: Record<string, string>, name = 'app'): ContainerDefinition => ({ name, image: 'x', logConfiguration: { logDriver: 'awsfirelens', options } });
const td = (...cds: ContainerDefinition[]): TaskDefinition => ({ family: 'f', revision: 3, containerDefinitions: cds });
const cw = { Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: '/ecs/app', log_stream_prefix: 'fl/', auto_create_group: 'true' };

t.test('refused, naming the member', async (t) => {
  const cases: [string, TaskDefinition, string, RegExp][] = [
    ['an output the router lacks', td(router(), app({ Name: 'kinesis_firehose' })), 'containerDefinitions[1].logConfiguration.options', /uses logConfiguration.options Name kinesis_firehose, .*outputs are cloudwatch_logs, syslog and file/],
    ['no Name', td(router(), app({ log_group_name: 'g' })), 'containerDefinitions[1].logConfiguration.options', /logConfiguration.options Name, .*names its output/],
    ['an option the output lacks', td(router(), app({ ...cw, role_arn: 'arn' })), 'containerDefinitions[1].logConfiguration.options', /options role_arn, .*cloudwatch_logs output has no option role_arn/],
    ['a filter', td(router(), app({ ...cw, 'exclude-pattern': 'debug' })), 'containerDefinitions[1].logConfiguration.options', /options exclude-pattern, .*no filters/],
    ['a Match of its own', td(router(), app({ ...cw, Match: '*' })), 'containerDefinitions[1].logConfiguration.options', /options match, /],
    ['a configuration file', td(router({ 'config-file-type': 'file', 'config-file-value': '/x.conf' }), app(cw)), 'containerDefinitions[0].firelensConfiguration.options', /firelensConfiguration.options config-file-type, .*not read/],
    ['an option ECS lacks', td(router({ 'log-level': 'debug' }), app(cw)), 'containerDefinitions[0].firelensConfiguration.options', /firelensConfiguration.options log-level, .*not one of ECS's FireLens options/],
    ['the router logging to itself', td({ ...router(), logConfiguration: { logDriver: 'awsfirelens', options: cw } }), 'containerDefinitions[0].logConfiguration.logDriver', /cannot send its own output to itself/],
  ];
  for (const [name, def, field, re] of cases) {
    const r = taskDefinitionRefusal(def);
    t.equal(r?.field, field, `${name}: field`);
    t.match(r?.message, re, `${name}: message`);
    t.match(r?.message, /^Container '(app|log_router)' of f:3 uses .*, which Berth does not support: /, `${name}: ECS's sentence`);
  }
});

t.test('the router configuration: one output per awsfirelens container, its tag, ECS\'s metadata', async (t) => {
  const def = td(router(), app(cw), app({ Name: 'syslog', host: '127.0.0.1', port: '514', mode: 'tcp', syslog_message_key: 'log', 'log-driver-buffer-limit': '1048576' }, 'worker'), { name: 'quiet', image: 'x' });
  t.equal(firelensRefusal(def), undefined);
  t.same(firelensRouterConfig(def, { cluster: 'c1', taskArn: 'arn:aws:ecs:us-east-1:1:task/c1/abc' }), {
    outputs: [
      { Name: 'cloudwatch_logs', Match: 'app-firelens-*', region: 'us-east-1', log_group_name: '/ecs/app', log_stream_prefix: 'fl/', auto_create_group: 'true' },
      { Name: 'syslog', Match: 'worker-firelens-*', host: '127.0.0.1', port: '514', mode: 'tcp', syslog_message_key: 'log' },
    ],
    record: { ecs_cluster: 'c1', ecs_task_arn: 'arn:aws:ecs:us-east-1:1:task/c1/abc', ecs_task_definition: 'f:3' },
  });
  const plain = firelensRouterConfig(td(router({ 'enable-ecs-log-metadata': 'false' }), app(cw)), { cluster: 'c1', taskArn: 'a' });
  t.equal(plain.record, undefined, 'enable-ecs-log-metadata false: no metadata fields');
  const fluentd = firelensRouterConfig(td(router(undefined, 'fluentd'), app({ '@type': 'file', path: '/logs' })), { cluster: 'c', taskArn: 'a' });
  t.same(fluentd.outputs, [{ Name: 'file', Match: 'app-firelens-*', path: '/logs' }], 'type fluentd: the output named by @type');
  t.throws(() => firelensRouterConfig(td(router(), app({ Name: 'es' })), { cluster: 'c', taskArn: 'a' }), /container 'app': logConfiguration.options Name es/);
});
