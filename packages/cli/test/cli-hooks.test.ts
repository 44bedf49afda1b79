// berth create|get|delete hook (deployment hooks, issue 26 §2), the real bin against a real control plane
// with a --hook-url-allow: the Lambda-like ARN a service's lifecycle hook names is printed; a webhook
// outside the allowed URLs is refused naming the URL without its query; a hook task's task definition must
// exist; flags of one kind are usage errors on the other; completion offers the kind and the hooks' names.
import t from 'tap';
import { cliTestServer } from './cli-server.js';

t.setTimeout(120_000);
const { berth, client } = await cliTestServer(t, 'cli-hooks', { scaleHooks: { urlAllow: ['http://127.0.0.1:9/hooks/'] } });

t.test('create, get and delete hooks', async (t) => {
  const created = await berth('create', 'hook', 'gate', '--url', 'http://127.0.0.1:9/hooks/gate?token=x', '--hook-timeout', '45s', '--description', 'CI gate');
  t.equal(created.code, 0, created.stderr);
  t.match(created.stdout, /^hook\/gate created \(POST http:\/\/127.0.0.1:9\/hooks\/gate\?token=x\); name it in a service's\ndeploymentConfiguration.lifecycleHooks\[\]\.hookTargetArn:\narn:aws:lambda:us-east-1:\d{12}:function:gate\n$/);
  const family = `cli-hooks-${process.pid}`;
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'check', image: 'berth-test/busybox:latest', memory: 16, command: ['true'] }] });
  const task = await berth('create', 'hook', 'check', '--task-definition', family);
  t.equal(task.code, 0, task.stderr);
  t.match(JSON.parse((await berth('get', 'hooks', '-o', 'json')).stdout), [
    { name: 'check', kind: 'task', taskDefinition: family, timeoutSeconds: 600 },
    { name: 'gate', kind: 'webhook', timeoutSeconds: 45, description: 'CI gate' },
  ]);
  t.match((await berth('get', 'hooks')).stdout, /^NAME\s+KIND\s+TARGET\s+TIMEOUT\ncheck\s+task\s+cli-hooks-\d+\s+600s\ngate\s+webhook\s+http:\/\/127.0.0.1:9\/hooks\/gate\?token=x\s+45s\n$/);
  const refused = await berth('create', 'hook', 'out', '--url', 'http://127.0.0.1:9/admin?token=s3cret');
  t.equal(refused.code, 1);
  t.match(refused.stderr, /InvalidParameterException: Deployment hook out cannot be called: http:\/\/127\.0\.0\.1:9\/admin\?… is not under a URL the server allows/);
  t.notMatch(refused.stderr, /s3cret/, 'the query stays out of the refusal');
  t.match((await berth('create', 'hook', 'nope', '--task-definition', 'no-such-family')).stderr, /ClientException/, 'a hook task\'s task definition must exist');
  t.equal((await berth('create', 'hook', 'both', '--url', 'http://127.0.0.1:9/hooks/x', '--task-definition', family)).code, 2, 'one of --url and --task-definition');
  t.equal((await berth('create', 'hook', 'neither')).code, 2);
  t.equal((await berth('create', 'hook', 'r', '--url', 'http://127.0.0.1:9/hooks/x', '--retries', '1')).code, 2, '--retries is a scale hook\'s');
  t.equal((await berth('create', 'cluster', 'c', '--task-definition', family)).code, 2, '--task-definition is a hook\'s');
  t.equal((await berth('__complete', 'create', '')).stdout.split('\n').includes('hook'), true, 'completion offers the kind');
  t.same((await berth('__complete', 'delete', 'hook', '')).stdout.trim().split('\n').sort(), ['check', 'gate'], 'and the hooks\' names');
  t.equal((await berth('delete', 'hook', 'gate')).stdout, 'hook/gate deleted\n');
  const arn = JSON.parse((await berth('get', 'hooks', '-o', 'json')).stdout)[0].arn as string;
  t.equal((await berth('delete', 'hook', arn)).code, 0, 'deleted by ARN');
  t.equal((await berth('get', 'hooks')).stdout, 'No hooks.\n');
  t.match((await berth('delete', 'hook', 'gate')).stderr, /ResourceNotFoundException: Deployment hook gate does not exist/);
});
