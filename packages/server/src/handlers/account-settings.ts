// Account settings: PutAccountSetting (for the caller, or a principal named), PutAccountSettingDefault
// (the account's, the root user's), DeleteAccountSetting, ListAccountSettings (a principal's explicit
// settings, or with effectiveSettings what applies to it; by name and value; pages of up to 10). Every
// SettingName of the model is accepted; core's ACCOUNT_SETTINGS says which act, which are fixed in Berth
// and which are only kept. The caller is the principal where the request names none: an access key's IAM
// user, else (an --insecure caller) the root user.
import {
  ACCOUNT_SETTINGS, SETTING_NAMES, checkPrincipal, checkSettingName, checkSettingValue, effectiveSetting, invalid, rootPrincipal,
  roleArn, settingOf, userArn,
  type DeleteAccountSettingRequest, type DeleteAccountSettingResponse, type ListAccountSettingsRequest, type ListAccountSettingsResponse,
  type PutAccountSettingDefaultRequest, type PutAccountSettingDefaultResponse, type PutAccountSettingRequest, type PutAccountSettingResponse,
  type Setting, type SettingName,
} from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';
import { deleteAccountSettingOp, getAccountSetting, principalSettings, putAccountSettingOp } from '../state/account-settings.js';
import { decodeToken, encodeToken } from '../pagination.js';

const LIST_MAX = 10;
const TOKEN_PREFIX = 'account-setting:';

/** Who a request's settings are for: the principal it names, else the caller. */
function principalOf(ctx: ServerContext, principalArn: string | undefined, call: Pick<CallContext, 'caller'> | undefined): string {
  if (principalArn !== undefined) return checkPrincipal('principalArn', principalArn, ctx.identity);
  return callerPrincipal(ctx, call);
}

/** The caller as a principal: its IAM user or role (a task's credentials), or the root user for a caller without one. */
export function callerPrincipal(ctx: ServerContext, call: Pick<CallContext, 'caller'> | undefined): string {
  const c = call?.caller;
  if (c?.kind === 'assumed-role') return roleArn(ctx.identity, c.roleName);
  return c?.kind === 'access-key' ? userArn(ctx.identity, c.userName) : rootPrincipal(ctx.identity);
}

/** The value of a setting that applies to `principal` (what the settings that act read). */
export async function effectiveAccountSetting(ctx: ServerContext, name: SettingName, principal: string): Promise<string> {
  const root = rootPrincipal(ctx.identity);
  const [own, dflt] = await Promise.all([getAccountSetting(ctx.store, principal, name), principal === root ? null : getAccountSetting(ctx.store, root, name)]);
  return own?.value.value ?? dflt?.value.value ?? ACCOUNT_SETTINGS[name].default;
}

async function put(ctx: ServerContext, name: SettingName, value: string, principal: string): Promise<Setting> {
  checkSettingValue(name, value, principal === rootPrincipal(ctx.identity));
  await ctx.store.txn({ compare: [], success: [putAccountSettingOp(principal, name, value)] });
  ctx.log.info('account setting put', { name, value, principal });
  return settingOf(name, value, principal);
}

export async function putAccountSetting(ctx: ServerContext, req: PutAccountSettingRequest, call?: Pick<CallContext, 'caller'>): Promise<PutAccountSettingResponse> {
  const name = checkSettingName('name', req.name);
  return { setting: await put(ctx, name, req.value, principalOf(ctx, req.principalArn, call)) };
}

export async function putAccountSettingDefault(ctx: ServerContext, req: PutAccountSettingDefaultRequest): Promise<PutAccountSettingDefaultResponse> {
  const name = checkSettingName('name', req.name);
  return { setting: await put(ctx, name, req.value, rootPrincipal(ctx.identity)) };
}

/** Deletes the principal's explicit value and answers it; with none set, answers what applies (nothing to delete is no error). */
export async function deleteAccountSetting(ctx: ServerContext, req: DeleteAccountSettingRequest, call?: Pick<CallContext, 'caller'>): Promise<DeleteAccountSettingResponse> {
  const name = checkSettingName('name', req.name);
  const principal = principalOf(ctx, req.principalArn, call);
  if (ACCOUNT_SETTINGS[name].awsManaged) throw invalid('name', `The ${name} account setting is read-only: AWS manages it.`);
  const cur = await getAccountSetting(ctx.store, principal, name);
  if (!cur) return { setting: settingOf(name, await effectiveAccountSetting(ctx, name, principal), principal) };
  await ctx.store.txn({ compare: [], success: [deleteAccountSettingOp(principal, name)] });
  ctx.log.info('account setting deleted', { name, principal });
  return { setting: settingOf(name, cur.value.value, principal) };
}

export async function listAccountSettings(ctx: ServerContext, req: ListAccountSettingsRequest, call?: Pick<CallContext, 'caller'>): Promise<ListAccountSettingsResponse> {
  const name = req.name !== undefined ? checkSettingName('name', req.name) : undefined;
  if (req.value !== undefined && name === undefined) throw invalid('value', 'A value filter needs a setting name.');
  const limit = req.maxResults ?? LIST_MAX;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX) throw invalid('maxResults', `'maxResults' must be between 1 and ${LIST_MAX} (${limit} given).`);
  const after = decodeToken(req.nextToken, TOKEN_PREFIX)?.slice(TOKEN_PREFIX.length);
  const principal = principalOf(ctx, req.principalArn, call);
  const root = rootPrincipal(ctx.identity);
  const [own, dflt] = await Promise.all([principalSettings(ctx.store, principal), req.effectiveSettings === true ? principalSettings(ctx.store, root) : new Map()]);
  const explicit = new Map([[root, dflt], [principal, own]]);
  // In the model's order of names, each once: a page continues after the last name of the one before.
  const start = after !== undefined ? SETTING_NAMES.indexOf(after as SettingName) : -1;
  const names = SETTING_NAMES.filter((n, i) => i > start && (name === undefined || n === name));
  const all: Setting[] = names.flatMap((n) => {
    if (req.effectiveSettings === true) return [effectiveSetting(n, principal, explicit, ctx.identity)];
    const v = own.get(n);
    return v !== undefined ? [settingOf(n, v, principal)] : [];
  }).filter((s) => req.value === undefined || s.value === req.value);
  const page = all.slice(0, limit);
  return { settings: page, ...(all.length > limit ? { nextToken: encodeToken(TOKEN_PREFIX + page[page.length - 1]!.name) } : {}) };
}
