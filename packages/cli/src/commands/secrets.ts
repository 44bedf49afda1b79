// berth create secret NAME --from-file F | --from-literal V, berth get secrets: Secrets Manager's
// CreateSecret and ListSecrets (every page). -o json prints Secrets Manager's response shapes, as
// `aws secretsmanager` does. The value is read from the file or the flag and sent; it is never printed.
import { readFileSync } from 'node:fs';
import { SECRETSMANAGER_API, type Secretsmanager as Sm } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { awsTime as iso, render, table } from '../output.js';

const call = <T>(ctx: CommandContext, action: string, request: object) => ctx.client.callApi(SECRETSMANAGER_API, action, request) as Promise<T>;

export interface SecretValueFlags {
  fromFile?: string;
  fromLiteral?: string;
  description?: string;
}

export async function createSecret(ctx: CommandContext, name: string, flags: SecretValueFlags): Promise<void> {
  if ((flags.fromFile === undefined) === (flags.fromLiteral === undefined)) throw new UsageError('create secret takes one of --from-file FILE or --from-literal VALUE');
  let value = flags.fromLiteral;
  if (flags.fromFile !== undefined) {
    try {
      value = readFileSync(flags.fromFile === '-' ? 0 : flags.fromFile, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${flags.fromFile}: ${(e as Error).message}`);
    }
  }
  const res = await call<Sm.CreateSecretResponse>(ctx, 'CreateSecret', { Name: name, SecretString: value, ...(flags.description !== undefined ? { Description: flags.description } : {}) });
  ctx.out(render(ctx.output, res, () => `secret/${name} created: ${res.ARN}\n`));
}

export async function getSecrets(ctx: CommandContext): Promise<void> {
  const all: Sm.SecretListEntry[] = [];
  for (let token: string | undefined, more = true; more;) {
    const page: Sm.ListSecretsResponse = await call(ctx, 'ListSecrets', token ? { NextToken: token } : {});
    all.push(...(page.SecretList ?? []));
    token = page.NextToken;
    more = token !== undefined;
  }
  const printable = all.map((s) => ({ ...s, ...(s.CreatedDate !== undefined ? { CreatedDate: iso(s.CreatedDate) } : {}), ...(s.LastChangedDate !== undefined ? { LastChangedDate: iso(s.LastChangedDate) } : {}) }));
  ctx.out(render(ctx.output, { SecretList: printable }, () =>
    all.length === 0
      ? 'No secrets.\n'
      : table(all, [
        { header: 'NAME', get: (s: Sm.SecretListEntry) => s.Name ?? '' },
        { header: 'DESCRIPTION', get: (s: Sm.SecretListEntry) => s.Description ?? '' },
        { header: 'CHANGED', get: (s: Sm.SecretListEntry) => (s.LastChangedDate !== undefined ? iso(s.LastChangedDate) : '') },
        { header: 'ARN', get: (s: Sm.SecretListEntry) => s.ARN ?? '' },
      ])));
}
