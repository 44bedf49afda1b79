// Every action of ECS's model that Berth will not honour answers, through the real @aws-sdk/client-ecs,
// UnsupportedFeatureException naming the action and saying what to use instead; one not built yet says so.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ecsSdk from '@aws-sdk/client-ecs';
import { UNSERVED_ECS_ACTIONS, unsupportedActionMessage } from '@berth/core';
import { startServer, silentLogger } from '../src/index.js';
import { adminClient } from './helpers.js';
import { userWithKey } from './aws-clients.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const dir = mkdtempSync(join(tmpdir(), 'berth-unsupported-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml') });
const admin = adminClient(join(dir, 'config.yaml'));
const creds = await userWithKey(admin, 'unsupported-test');
const ecs = new ecsSdk.ECSClient({ endpoint: `http://${server.ecsAddr}`, region: 'eu-west-1', credentials: { accessKeyId: creds.id, secretAccessKey: creds.secret }, maxAttempts: 1 });
t.teardown(async () => {
  ecs.destroy();
  admin.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends `action` with an empty input through its SDK command class; resolves to what it threw. */
async function refusal(action: string): Promise<{ name?: string; message?: string; status?: number }> {
  const Command = (ecsSdk as unknown as Record<string, (new (input: object) => never) | undefined>)[`${action}Command`];
  if (!Command) throw new Error(`the SDK has no ${action}Command`);
  const e = await ecs.send(new Command({})).then(() => ({}), (err: unknown) => err) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return { ...(e.name ? { name: e.name } : {}), ...(e.message ? { message: e.message } : {}), ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}) };
}

t.test('each action Berth will not honour names itself and what to use instead', async (t) => {
  const refused = Object.entries(UNSERVED_ECS_ACTIONS).filter(([, s]) => s.status === 'unsupported');
  t.ok(refused.length >= 23, 'the agent calls, ExecuteCommand, UpdateContainerAgent, Service Connect, Express Gateway and the Daemon calls');
  for (const [action, s] of refused) {
    const e = await refusal(action);
    t.equal(e.name, 'UnsupportedFeatureException', `${action}: the error`);
    t.equal(e.message, unsupportedActionMessage(action, s.instead), `${action}: the message`);
    t.match(e.message, new RegExp(`^Berth does not support the ECS action ${action}: [^.]+\\.$`), `${action}: one sentence naming it`);
    t.equal(e.status, 400, `${action}: a client error`);
  }
});

