// The first start (issue 16 §5): nothing to configure for a newcomer. A server that authenticates, on a
// store with no IAM user and no access key yet, creates the IAM user `admin` with AdministratorAccess and
// an access key, and writes a CLI config with it (the server's address, the cluster CA, the credentials)
// to --bootstrap-config, 0600 in a 0700 directory, never over an existing file. The secret goes to that
// file only: never to a log. Without --bootstrap-config nobody could ever call such a server, and it
// says so.
import { existsSync } from 'node:fs';
import { writeNewCliConfig } from '@berth/api';
import type { ServerContext } from '../context.js';
import { listAccessKeys } from '../state/access-keys.js';
import type { AccessKeys } from './access-keys.js';
import { createUser, deleteUser, listUsers } from './users.js';
import { USERS, attachPolicy, detachPolicy } from './policies.js';

export const ADMIN_USER = 'admin';
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

export interface BootstrapTarget {
  /** Where the CLI config goes. */
  configPath?: string;
  /** The gRPC addresses a CLI on this machine reaches this replica by. */
  server: string;
  caPem: string;
}

/** Whether the store has no IAM user and no access key yet: the only time a bootstrap creates one. */
async function firstStart(ctx: ServerContext): Promise<boolean> {
  return (await listUsers(ctx, { MaxItems: 1 })).Users.length === 0 && (await listAccessKeys(ctx.store)).length === 0;
}

/** Refuses before anything is created when the config file is already there. */
export async function checkBootstrapTarget(ctx: ServerContext, configPath: string | undefined): Promise<void> {
  if (configPath && existsSync(configPath) && (await firstStart(ctx))) {
    throw new Error(`--bootstrap-config ${configPath} exists and is never overwritten: this store has no user yet, so its admin's key would go there; move the file away or name another`);
  }
}

/** Creates the admin's access key and writes the CLI config, on the first start only. */
export async function bootstrapAdmin(ctx: ServerContext, keys: AccessKeys, target: BootstrapTarget): Promise<void> {
  if (!(await firstStart(ctx))) return;
  if (!target.configPath) {
    ctx.log.warn('no IAM user exists and --bootstrap-config was not given: no user can call this server; restart it with --bootstrap-config FILE to create the admin\'s key and a CLI config');
    return;
  }
  await createUser(ctx, { UserName: ADMIN_USER });
  await attachPolicy(ctx, USERS, ADMIN_USER, ADMINISTRATOR_ACCESS);
  const key = await keys.create(ADMIN_USER);
  try {
    writeNewCliConfig(target.configPath, {
      currentContext: 'default',
      contexts: [{ name: 'default', server: target.server, cluster: 'default', certificateAuthority: target.caPem, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }],
    });
  } catch (e) {
    // A key whose secret nobody holds is no use: take it all back, so the next start bootstraps again.
    await keys.delete(key.accessKeyId);
    await detachPolicy(ctx, USERS, ADMIN_USER, ADMINISTRATOR_ACCESS);
    await deleteUser(ctx, ADMIN_USER);
    throw e;
  }
  ctx.log.info('bootstrap: the admin\'s access key and a CLI config were written', { path: target.configPath, user: ADMIN_USER, accessKeyId: key.accessKeyId });
}
