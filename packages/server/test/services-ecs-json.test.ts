// Services through the ECS JSON endpoint with the real AWS CLI (Debian's /usr/bin/aws): create, describe,
// update with an empty placement list (which JSON, unlike gRPC, can say: it removes them, as in ECS),
// `aws ecs wait services-stable`, delete. Signed with a Berth access key (SigV4), as users run it.
import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { startServer, silentLogger } from '../src/index.js';
import { uniq, adminClient } from './helpers.js';
import { userWithKey } from './aws-clients.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-svc-json-'));
const home = join(dir, 'home');
mkdirSync(home);
const server = await startServer({
  listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger,
  ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml'), services: { resyncSeconds: 1 },
});
const admin = adminClient(join(dir, 'config.yaml'));
const creds = await userWithKey(admin, 'services-json');
t.teardown(async () => {
  admin.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function aws(...args: string[]): Promise<{ code: number; stderr: string; json?: any }> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home,
    AWS_ACCESS_KEY_ID: creds.id, AWS_SECRET_ACCESS_KEY: creds.secret,
    AWS_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile('/usr/bin/aws', ['ecs', ...args, '--endpoint-url', `http://${server.ecsAddr}`, '--output', 'json'], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      let json: unknown;
      try { json = stdout.trim() ? JSON.parse(stdout) : undefined; } catch { /* not JSON */ }
      resolve({ code, stderr, json });
    });
  });
}

t.test('create, update, wait services-stable, delete with the AWS CLI', async (t) => {
  const cluster = uniq('json-svc');
  const family = uniq('json-web');
  t.equal((await aws('create-cluster', '--cluster-name', cluster)).code, 0);
  t.equal((await aws('register-task-definition', '--family', family, '--container-definitions', JSON.stringify([{ name: 'app', image: 'busybox', memory: 16 }]))).code, 0);
  const c = await aws('create-service', '--cluster', cluster, '--service-name', 'web', '--task-definition', family, '--desired-count', '0',
    '--placement-constraints', 'type=distinctInstance', '--deployment-configuration', 'maximumPercent=150,minimumHealthyPercent=50');
  t.equal(c.code, 0, c.stderr);
  t.equal(c.json?.service?.serviceArn, `arn:aws:ecs:us-east-1:000000000000:service/${cluster}/web`);
  t.match(c.json?.service?.deploymentConfiguration, { maximumPercent: 150, minimumHealthyPercent: 50 });
  t.match(c.json?.service?.deployments?.[0]?.id, /^ecs-svc\/\d{19}$/);

  const w = await aws('wait', 'services-stable', '--cluster', cluster, '--services', 'web');
  t.equal(w.code, 0, `wait services-stable: ${w.stderr}`);

  const u = await aws('update-service', '--cluster', cluster, '--service', 'web', '--placement-constraints', '[]');
  t.equal(u.code, 0, u.stderr);
  t.same(u.json?.service?.placementConstraints ?? [], [], 'an empty list removes the constraints over JSON');

  const missing = await aws('update-service', '--cluster', cluster, '--service', 'nope', '--desired-count', '1');
  t.not(missing.code, 0);
  t.match(missing.stderr, /ServiceNotFoundException/);

  const l = await aws('list-services', '--cluster', cluster);
  t.same(l.json?.serviceArns, [`arn:aws:ecs:us-east-1:000000000000:service/${cluster}/web`]);
  const d = await aws('delete-service', '--cluster', cluster, '--service', 'web');
  t.equal(d.code, 0, d.stderr);
  t.match(d.json?.service?.status, /DRAINING|INACTIVE/);
});
