// Account settings: `account-settings/PRINCIPAL/NAME` holds one principal's explicit value of one setting
// (the principal ARN URI-encoded, so a role's path cannot run into another principal's keys); the root
// user's are the account defaults. A principal has at most one key per SettingName, so its settings are
// one short range. What they mean (effective values, ECS's defaults) is core's account-settings.ts.
import type { SettingName } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, lastSegment, type Versioned } from './kit.js';

const ACCOUNT_SETTINGS_ROOT = ROOT + 'account-settings/';
const principalPrefix = (principal: string) => `${ACCOUNT_SETTINGS_ROOT}${encodeURIComponent(principal)}/`;
const settingKey = (principal: string, name: SettingName) => `${principalPrefix(principal)}${name}`;

interface StoredSetting {
  value: string;
}

/** One principal's explicit settings, by name. */
export async function principalSettings(store: Store, principal: string): Promise<Map<SettingName, string>> {
  const page = await store.range(principalPrefix(principal), { limit: 100 });
  return new Map(page.kvs.map((kv) => [lastSegment(kv.key) as SettingName, decode<StoredSetting>(kv).value]));
}

/** One explicit setting with the revision a write compares. */
export function getAccountSetting(store: Store, principal: string, name: SettingName): Promise<Versioned<StoredSetting> | null> {
  return getJSON<StoredSetting>(store, settingKey(principal, name));
}

export function putAccountSettingOp(principal: string, name: SettingName, value: string): Op & { put: string } {
  return { put: settingKey(principal, name), value: json({ value } satisfies StoredSetting) };
}

export function deleteAccountSettingOp(principal: string, name: SettingName): Op & { delete: string } {
  return { delete: settingKey(principal, name) };
}
