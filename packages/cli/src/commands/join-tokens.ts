// berth create|get|delete join-token(s): tokens a new machine joins the cluster with (BERTH_JOIN_TOKEN on
// berth-agent). The token, with its secret, is printed once, at creation; listings never show a secret.
import { FLEET_API, parseGoDuration } from '@berth/core';
import { UsageError, type CommandContext } from '../context.js';
import { render, table } from '../output.js';

interface JoinToken {
  id: string; kind: string; cluster?: string; createdAt: number; expiresAt: number; usesAllowed: number; uses: number; description?: string;
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface CreateJoinTokenFlags {
  ttl?: string;
  uses?: string;
  kind?: string;
  description?: string;
}

export async function createJoinToken(ctx: CommandContext, cluster: string | undefined, flags: CreateJoinTokenFlags): Promise<void> {
  const uses = flags.uses === undefined ? undefined : Number(flags.uses);
  if (uses !== undefined && (!Number.isSafeInteger(uses) || uses < 0)) throw new UsageError(`--uses must be a whole number (got ${flags.uses})`);
  let ttlSeconds: number | undefined;
  try {
    if (flags.ttl !== undefined) ttlSeconds = Math.round(parseGoDuration(flags.ttl, '--ttl') / 1000);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const res = await ctx.client.callApi(FLEET_API, 'CreateJoinToken', {
    ...(ttlSeconds !== undefined ? { ttlSeconds } : {}), ...(uses !== undefined ? { uses } : {}), ...(cluster !== undefined ? { cluster } : {}),
    ...(flags.kind !== undefined ? { kind: flags.kind } : {}), ...(flags.description !== undefined ? { description: flags.description } : {}),
  }) as { token: string; joinToken: JoinToken };
  const t = res.joinToken;
  ctx.out(render(ctx.output, res, () =>
    `join-token/${t.id} created (${t.kind}${t.cluster ? `, cluster ${t.cluster}` : ''}, expires ${iso(t.expiresAt)}${t.usesAllowed ? `, ${t.usesAllowed} use(s)` : ''}). ` +
    'The token is shown only now:\n' + `${res.token}\n`));
}

export async function getJoinTokens(ctx: CommandContext): Promise<void> {
  const { joinTokens } = await ctx.client.callApi(FLEET_API, 'ListJoinTokens', {}) as { joinTokens: JoinToken[] };
  ctx.out(render(ctx.output, joinTokens, () =>
    joinTokens.length === 0
      ? 'No join tokens.\n'
      : table(joinTokens, [
        { header: 'ID', get: (t: JoinToken) => t.id },
        { header: 'KIND', get: (t: JoinToken) => t.kind },
        { header: 'CLUSTER', get: (t: JoinToken) => t.cluster ?? '*' },
        { header: 'USES', get: (t: JoinToken) => `${t.uses}/${t.usesAllowed || '∞'}` },
        { header: 'EXPIRES', get: (t: JoinToken) => iso(t.expiresAt) },
      ])));
}

export async function deleteJoinToken(ctx: CommandContext, id: string): Promise<void> {
  await ctx.client.callApi(FLEET_API, 'DeleteJoinToken', { id });
  ctx.out(render(ctx.output, {}, () => `join-token/${id} deleted\n`));
}
