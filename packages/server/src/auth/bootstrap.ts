// The first start (issue 16 §1, §5): nothing to configure for a newcomer. Against a store with no cluster
// CA, a replica creates one; a replica that authenticates, on a store with no IAM user and no access key
// yet and given --bootstrap-config, also creates the IAM user `admin` with AdministratorAccess and an
// access key. Both are one transaction, guarded by compares (no CA stored, no user `admin`): replicas
// starting at once on an empty store agree, one creation wins and the others read what it stored (its CA;
// the admin's key, unsealed with the shared secrets key, for their own config). The CLI config (the
// server's address, the CA, the credentials) is written to --bootstrap-config, 0600 in a 0700 directory,
// never over an existing file. The secret goes to that file only: never to a log. Without
// --bootstrap-config nobody could ever call such a server, and it says so.
import { existsSync } from 'node:fs';
import type { Compare, Op } from '@berth/store';
import { writeNewCliConfig } from '@berth/api';
import type { ServerContext } from '../context.js';
import { listAccessKeys, accessKeyAt, putAccessKeyOp } from '../state/access-keys.js';
import { clusterCaAbsent, getClusterCa, putClusterCaOp } from '../state/cluster-ca.js';
import { getUser, putUserOp, userKey } from '../state/users.js';
import type { CertificateAuthority } from '../fleet/certificates.js';
import { newClusterCa, storedClusterCa, type GivenCa } from '../fleet/cluster-ca.js';
import type { AccessKeys } from './access-keys.js';
import type { SecretBox } from './secrets-key.js';
import { deleteUser, listUsers, newUniqueId } from './users.js';
import { USERS, detachPolicy } from './policies.js';

export const ADMIN_USER = 'admin';
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** The admin's access key of a first start: `minted` by this replica, or read from the one that won. */
export interface AdminKey {
  accessKeyId: string;
  secretAccessKey: string;
  minted: boolean;
}

export interface Bootstrapped {
  ca: CertificateAuthority;
  /** Only when the store had no user and no key at this start and an admin was asked for. */
  admin?: AdminKey;
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

/** The admin user with AdministratorAccess and its key: the puts, and the compares that make it the only one. */
function adminCreation(ctx: ServerContext, keys: AccessKeys): { compare: Compare[]; success: Op[]; key: AdminKey } {
  const { rec, secretAccessKey } = keys.newKey(ADMIN_USER);
  const user = { userName: ADMIN_USER, userId: newUniqueId(), createDate: Math.floor(ctx.now()), accessKeyIds: [rec.accessKeyId], attachedPolicyArns: [ADMINISTRATOR_ACCESS], inlinePolicyNames: [] };
  return {
    compare: [{ key: userKey(ADMIN_USER), modRevision: 0 }, accessKeyAt(rec.accessKeyId, 0)],
    success: [putUserOp(user), putAccessKeyOp(rec)],
    key: { accessKeyId: rec.accessKeyId, secretAccessKey, minted: true },
  };
}

/** The admin's key another replica's bootstrap stored, unsealed (undefined when there is none). */
async function winnersKey(ctx: ServerContext, keys: AccessKeys): Promise<AdminKey | undefined> {
  const id = (await getUser(ctx.store, ADMIN_USER))?.value.accessKeyIds[0];
  const key = id ? await keys.lookup(id) : undefined;
  return id && key ? { accessKeyId: id, secretAccessKey: key.secret, minted: false } : undefined;
}

/**
 * The store's CA, and with `admin` (a replica that authenticates, given --bootstrap-config) the admin's key
 * of a first start: what is missing is created in one transaction; a lost compare means another replica
 * created it, which is then read.
 */
export async function bootstrapStore(ctx: ServerContext, box: SecretBox, keys: AccessKeys | undefined, opts: { given?: GivenCa } = {}): Promise<Bootstrapped> {
  let lost = false;
  for (;;) {
    const have = await getClusterCa(ctx.store);
    const wantAdmin = keys !== undefined && (await firstStart(ctx));
    // Lost to a replica that created the admin: its key (a replica that created only the CA leaves the
    // admin to this one, on the next turn).
    const admin = lost && keys && !wantAdmin ? await winnersKey(ctx, keys) : undefined;
    if (have && !wantAdmin) return { ca: storedClusterCa(have, box, opts.given), ...(admin ? { admin } : {}) };
    const created = have ? undefined : await newClusterCa(box, opts.given);
    const user = wantAdmin ? adminCreation(ctx, keys!) : undefined;
    const res = await ctx.store.txn({
      compare: [...(created ? [clusterCaAbsent] : []), ...(user?.compare ?? [])],
      success: [...(created ? [putClusterCaOp(created.rec)] : []), ...(user?.success ?? [])],
    });
    if (res.succeeded) {
      if (created) ctx.log.info(opts.given ? 'cluster CA stored (given with --ca-cert)' : 'cluster CA created', { fingerprint: created.ca.fingerprint });
      if (user) ctx.log.info('bootstrap: the admin user and its access key created', { user: ADMIN_USER, accessKeyId: user.key.accessKeyId });
      return { ca: created?.ca ?? storedClusterCa(have!, box, opts.given), ...(user ? { admin: user.key } : {}) };
    }
    lost = true;
  }
}

export interface BootstrapTarget {
  /** Where the CLI config goes. */
  configPath?: string;
  /** The gRPC addresses a CLI on this machine reaches this replica by. */
  server: string;
  caPem: string;
}

/**
 * The admin this replica minted, taken back when its start fails before the CLI config is written: a key
 * whose secret nobody holds is no use, and with it gone the next start bootstraps again.
 */
export async function takeBackAdmin(ctx: ServerContext, keys: AccessKeys, admin: AdminKey | undefined): Promise<void> {
  if (!admin?.minted) return;
  await keys.delete(admin.accessKeyId);
  await detachPolicy(ctx, USERS, ADMIN_USER, ADMINISTRATOR_ACCESS);
  await deleteUser(ctx, ADMIN_USER);
}

/** Writes the CLI config with the admin's key of this start (none: not a first start, nothing to write). */
export async function writeBootstrapConfig(ctx: ServerContext, keys: AccessKeys, admin: AdminKey | undefined, target: BootstrapTarget): Promise<void> {
  if (!target.configPath) {
    if (await firstStart(ctx)) ctx.log.warn('no IAM user exists and --bootstrap-config was not given: no user can call this server; restart it with --bootstrap-config FILE to create the admin\'s key and a CLI config');
    return;
  }
  if (!admin) return;
  try {
    writeNewCliConfig(target.configPath, {
      currentContext: 'default',
      contexts: [{ name: 'default', server: target.server, cluster: 'default', certificateAuthority: target.caPem, accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey }],
    });
  } catch (e) {
    await takeBackAdmin(ctx, keys, admin);
    throw e;
  }
  ctx.log.info(admin.minted ? 'bootstrap: the admin\'s access key and a CLI config were written' : 'bootstrap: another replica created the admin; its access key and a CLI config were written', { path: target.configPath, user: ADMIN_USER, accessKeyId: admin.accessKeyId });
}
