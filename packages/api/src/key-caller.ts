// Who a verified SigV4 key makes the caller: an IAM user's access key (AKIA...), or a task's temporary
// credentials (ASIA...), which are good only with their session token (X-Amz-Security-Token, or the same
// gRPC metadata) and act as the task's role, `assumed-role/ROLE/TASK-ID`. The one place both transports
// turn a key into a Caller, so the AWS listener and gRPC agree.
import { timingSafeEqual } from 'node:crypto';
import { unrecognizedClient } from '@berth/core/sigv4.js';
import type { Caller } from './call.js';

/** A task's temporary credentials as the server holds them: the secret, the token, and whose they are. */
export interface TemporaryKey {
  secret: string;
  sessionToken: string;
  roleName: string;
  /** The task id (STS's role session name). */
  sessionName: string;
  taskArn: string;
}

/** What a server knows of an active key: its secret (SigV4 needs it), and its user or its task's role. */
export type KnownKey = { secret: string; userName: string } | TemporaryKey;

/** The header (and gRPC metadata key) that carries temporary credentials' session token. */
export const SESSION_TOKEN_HEADER = 'x-amz-security-token';

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The caller of a request whose signature verified with `key`: temporary credentials need their own token
 * and a long-term key takes none (AWS answers both mistakes with the invalid-token error).
 */
export function keyCaller(accessKeyId: string, key: KnownKey, sessionToken: string | undefined): Caller {
  if ('sessionToken' in key) {
    if (sessionToken === undefined || !sameText(sessionToken, key.sessionToken)) throw unrecognizedClient();
    return { kind: 'assumed-role', accessKeyId, roleName: key.roleName, sessionName: key.sessionName, taskArn: key.taskArn };
  }
  if (sessionToken !== undefined) throw unrecognizedClient();
  return { kind: 'access-key', accessKeyId, userName: key.userName };
}
