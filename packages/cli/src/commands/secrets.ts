// berth create secret NAME --from-file F | --from-literal V, get secrets, describe secret NAME, delete
// secret NAME [--force]: Secrets Manager's CreateSecret, ListSecrets (every page), DescribeSecret and
// DeleteSecret. -o json prints Secrets Manager's response shapes, as
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

/** Secrets Manager's dates (epoch seconds) as `aws secretsmanager` prints them. */
const DATES = ['CreatedDate', 'LastChangedDate', 'LastAccessedDate', 'DeletedDate'] as const;
const printable = <T extends Partial<Record<(typeof DATES)[number], number>>>(s: T) =>
  ({ ...s, ...Object.fromEntries(DATES.filter((d) => s[d] !== undefined).map((d) => [d, iso(s[d])])) });

export async function describeSecret(ctx: CommandContext, name: string): Promise<void> {
  const s = await call<Sm.DescribeSecretResponse>(ctx, 'DescribeSecret', { SecretId: name });
  ctx.out(render(ctx.output, printable(s), () => [
    `Name:         ${s.Name}`,
    `ARN:          ${s.ARN}`,
    ...(s.Description ? [`Description:  ${s.Description}`] : []),
    `Created:      ${iso(s.CreatedDate)}`,
    `Changed:      ${iso(s.LastChangedDate)}`,
    ...(s.DeletedDate !== undefined ? [`Deleted:      ${iso(s.DeletedDate)} (restorable until its recovery window ends)`] : []),
    `Versions:     ${Object.entries(s.VersionIdsToStages ?? {}).map(([id, stages]) => `${id} (${stages.join(', ')})`).join(', ')}`,
    ...(s.Tags?.length ? [`Tags:         ${s.Tags.map((t) => `${t.Key}=${t.Value}`).join(', ')}`] : []),
  ].join('\n') + '\n'));
}

/** DeleteSecret: recoverable for 30 days, or at once with `force` (ForceDeleteWithoutRecovery). */
export async function deleteSecret(ctx: CommandContext, name: string, force: boolean): Promise<void> {
  const res = await call<Sm.DeleteSecretResponse>(ctx, 'DeleteSecret', { SecretId: name, ...(force ? { ForceDeleteWithoutRecovery: true } : {}) });
  ctx.out(render(ctx.output, { ...res, ...(res.DeletionDate !== undefined ? { DeletionDate: iso(res.DeletionDate) } : {}) },
    () => `secret/${res.Name} deleted${force ? '' : ` (recoverable until ${iso(res.DeletionDate)})`}\n`));
}

export async function getSecrets(ctx: CommandContext): Promise<void> {
  const all: Sm.SecretListEntry[] = [];
  for (let token: string | undefined, more = true; more;) {
    const page: Sm.ListSecretsResponse = await call(ctx, 'ListSecrets', token ? { NextToken: token } : {});
    all.push(...(page.SecretList ?? []));
    token = page.NextToken;
    more = token !== undefined;
  }
  ctx.out(render(ctx.output, { SecretList: all.map(printable) }, () =>
    all.length === 0
      ? 'No secrets.\n'
      : table(all, [
        { header: 'NAME', get: (s: Sm.SecretListEntry) => s.Name ?? '' },
        { header: 'DESCRIPTION', get: (s: Sm.SecretListEntry) => s.Description ?? '' },
        { header: 'CHANGED', get: (s: Sm.SecretListEntry) => (s.LastChangedDate !== undefined ? iso(s.LastChangedDate) : '') },
        { header: 'ARN', get: (s: Sm.SecretListEntry) => s.ARN ?? '' },
      ])));
}
