// ECS's account settings as Berth holds them: for every SettingName of the model, its values, ECS's
// default, and what it does in Berth (it acts, it is fixed, or it is stored and returned only). The
// effective value of a setting for a principal is ECS's: the principal's own, else the account's default
// (the root user's, which PutAccountSettingDefault writes), else ECS's default. Pure: the server's state
// module keeps the explicit settings, and this decides what they mean.
import { invalid, unsupportedFeature } from './errors.js';
import { describeValue } from './validate-shape.js';
import type { Identity } from './arn.js';
import type { Setting, SettingName } from './model/types.js';

export interface AccountSettingRule {
  values: readonly string[];
  /** ECS's default, the effective value where neither the principal nor the account set one. */
  default: string;
  /** What the setting does in Berth; `stored` ones are kept and returned and change nothing. */
  effect: string;
  /** Berth's behaviour is fixed at this value: any other is refused, saying so. */
  fixed?: { value: string; why: string };
  /** Only the account default may set it (PutAccountSettingDefault, or PutAccountSetting for the root user). */
  rootOnly?: true;
  /** AWS manages it: read-only (type `aws_managed`). */
  awsManaged?: true;
}

const ENABLED = ['enabled', 'disabled'] as const;
const LONG_ARNS = { value: 'enabled', why: 'Berth always uses the long ARN format (the cluster name in every ARN, 32-digit ids).' };
const STORED = 'stored and returned; nothing in Berth depends on it';

export const ACCOUNT_SETTINGS: Readonly<Record<SettingName, AccountSettingRule>> = {
  serviceLongArnFormat: { values: ENABLED, default: 'enabled', effect: 'always enabled: service ARNs name their cluster', fixed: LONG_ARNS },
  taskLongArnFormat: { values: ENABLED, default: 'enabled', effect: 'always enabled: task ARNs name their cluster', fixed: LONG_ARNS },
  containerInstanceLongArnFormat: { values: ENABLED, default: 'enabled', effect: 'always enabled: container instance ARNs name their cluster', fixed: LONG_ARNS },
  awsvpcTrunking: { values: ENABLED, default: 'disabled', effect: `${STORED} (no awsvpc network mode)` },
  containerInsights: { values: ['enabled', 'disabled', 'enhanced'], default: 'disabled', effect: "acts: the containerInsights setting of a cluster created without one" },
  fargateFIPSMode: { values: ENABLED, default: 'disabled', effect: `${STORED} (no Fargate)`, rootOnly: true },
  tagResourceAuthorization: { values: ['on', 'off'], default: 'on', effect: `${STORED}: tags given on create are authorized with the create action alone, as with off` },
  fargateTaskRetirementWaitPeriod: { values: ['0', '7', '14'], default: '7', effect: `${STORED} (no Fargate)`, rootOnly: true },
  guardDutyActivate: { values: ENABLED, default: 'disabled', effect: 'read-only, always disabled (no GuardDuty)', awsManaged: true },
  defaultLogDriverMode: { values: ['blocking', 'non-blocking'], default: 'non-blocking', effect: "the account's value (PutAccountSettingDefault) is the awslogs driver's `mode` where a task definition gives none" },
  fargateEventWindows: { values: ENABLED, default: 'disabled', effect: `${STORED} (no Fargate)` },
};

export const SETTING_NAMES = Object.keys(ACCOUNT_SETTINGS) as SettingName[];

/** The account's root user: what the account default is set for. */
export const rootPrincipal = (identity: Identity) => `arn:aws:iam::${identity.accountId}:root`;

const PRINCIPAL = /^arn:aws:iam::(\d{12}):(root|user\/[\w+=,.@/-]{1,512}|role\/[\w+=,.@/-]{1,512})$/;

/** A principalArn of this account (a user, a role or the root user), or InvalidParameterException. */
export function checkPrincipal(field: string, arn: string, identity: Identity): string {
  const m = PRINCIPAL.exec(arn);
  if (!m) throw invalid(field, `Invalid principalArn ${describeValue(arn)}: expected the ARN of a user, a role or the root user (arn:aws:iam::ACCOUNT:user/NAME).`);
  if (m[1] !== identity.accountId) throw invalid(field, `The principal ${describeValue(arn)} is not of this account (${identity.accountId}).`);
  return arn;
}

/** A setting name of the model, or InvalidParameterException. */
export function checkSettingName(field: string, name: string | undefined): SettingName {
  if (name === undefined || !Object.hasOwn(ACCOUNT_SETTINGS, name)) {
    throw invalid(field, `Invalid account setting name ${describeValue(name)}: expected one of ${SETTING_NAMES.join(' | ')}.`);
  }
  return name as SettingName;
}

/** ECS's rules for writing `value` to `name` (forDefault: the account default, or the root user's). */
export function checkSettingValue(name: SettingName, value: string, forDefault: boolean): void {
  const rule = ACCOUNT_SETTINGS[name];
  if (rule.awsManaged) throw invalid('name', `The ${name} account setting is read-only: AWS manages it.`);
  if (!rule.values.includes(value)) throw invalid('value', `The ${name} account setting must be one of ${rule.values.join(' | ')} (${describeValue(value)} given).`);
  if (rule.fixed && value !== rule.fixed.value) throw unsupportedFeature('value', rule.fixed.why, `${name} ${value}`);
  if (rule.rootOnly && !forDefault) throw invalid('name', `The ${name} account setting can only be set for the root user or with PutAccountSettingDefault.`);
}

/** Explicit settings by principal ARN, then by name (what the store holds). */
export type ExplicitSettings = ReadonlyMap<string, ReadonlyMap<SettingName, string>>;

/** The setting as ECS answers it. */
export function settingOf(name: SettingName, value: string, principalArn: string): Setting {
  return { name, value, principalArn, type: ACCOUNT_SETTINGS[name].awsManaged ? 'aws_managed' : 'user' };
}

/** A setting's effective value for `principal`: its own, else the account default, else ECS's default. */
export function effectiveSetting(name: SettingName, principal: string, explicit: ExplicitSettings, identity: Identity): Setting {
  const root = rootPrincipal(identity);
  const own = explicit.get(principal)?.get(name);
  if (own !== undefined) return settingOf(name, own, principal);
  const dflt = explicit.get(root)?.get(name);
  return settingOf(name, dflt ?? ACCOUNT_SETTINGS[name].default, root);
}
