// Secrets Manager's and Parameter Store's names and ARNs, and ListSecrets' filters, as AWS has them. PURE.
import { BerthError } from './errors.js';
import type { Identity } from './arn.js';

/** Secrets Manager's secret names: letters, digits and /_+=.@- (the model bounds the length: 1 to 512). */
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]+$/;

/** A secret's ARN: its name and the six random characters AWS appends, so a new secret of an old name is another resource. */
export function secretArn(id: Identity, name: string, suffix: string): string {
  return `arn:${id.partition}:secretsmanager:${id.region}:${id.accountId}:secret:${name}-${suffix}`;
}

/** What a policy is checked against for a secret whose suffix is not known (CreateSecret, or a name that is no secret). */
export const unknownSecretArn = (id: Identity, name: string) => secretArn(id, name, '??????');

/**
 * The names a SecretId may stand for: the name itself, or from an ARN (any region and account of this
 * store's) the name with the suffix cut off (a full ARN, compared whole by the caller) and as written
 * (a partial ARN, without the suffix).
 */
export function secretIdCandidates(secretId: string): { name: string; fullArn?: string }[] {
  const m = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(secretId);
  if (!m) return [{ name: secretId }];
  const rest = m[1]!;
  const full = /^(.+)-[A-Za-z0-9]{6}$/.exec(rest);
  return [...(full ? [{ name: full[1]!, fullArn: secretId }] : []), { name: rest }];
}

/** A Parameter Store parameter's ARN (`/a/b` -> `parameter/a/b`, `a` -> `parameter/a`). */
export function parameterArn(id: Identity, name: string): string {
  return `arn:${id.partition}:ssm:${id.region}:${id.accountId}:parameter/${name.replace(/^\//, '')}`;
}

export interface SecretFilter {
  Key?: string;
  Values?: string[];
}

export interface FilteredSecret {
  name: string;
  description?: string;
  tags: { Key: string; Value: string }[];
}

const FILTER_KEYS = new Set(['description', 'name', 'tag-key', 'tag-value', 'all']);

/** ListSecrets' filters refused as AWS would, or naming what Berth cannot do. */
export function checkSecretFilters(filters: readonly SecretFilter[]): void {
  for (const f of filters) {
    if (f.Key === 'primary-region' || f.Key === 'owning-service') {
      throw new BerthError('InvalidParameterException', `The request uses the filter ${f.Key}, which Berth does not support: secrets are neither replicated nor owned by a service.`, 'Filters');
    }
    if (f.Key === undefined || !FILTER_KEYS.has(f.Key)) throw new BerthError('InvalidParameterException', 'Invalid filter key', 'Filters');
    if (!f.Values?.length) throw new BerthError('InvalidParameterException', 'Invalid filter values', 'Filters');
  }
}

/**
 * Whether a secret passes every filter (AND across filters, OR across one filter's values): each value a
 * prefix, names and tags case-sensitive, descriptions not, and `!` before a value negating it, as AWS's.
 */
export function secretMatches(s: FilteredSecret, filters: readonly SecretFilter[]): boolean {
  const fields = (key: string): string[] => {
    switch (key) {
      case 'name': return [s.name];
      case 'description': return s.description !== undefined ? [s.description.toLowerCase()] : [];
      case 'tag-key': return s.tags.map((t) => t.Key);
      case 'tag-value': return s.tags.map((t) => t.Value);
      default: return [s.name, ...(s.description !== undefined ? [s.description.toLowerCase()] : []), ...s.tags.flatMap((t) => [t.Key, t.Value])];
    }
  };
  return filters.every((f) => {
    const haystack = fields(f.Key!);
    return f.Values!.some((v) => {
      const negated = v.startsWith('!');
      const raw = negated ? v.slice(1) : v;
      const needle = f.Key === 'description' ? raw.toLowerCase() : raw;
      const hit = haystack.some((h) => h.startsWith(needle));
      return negated ? !hit : hit;
    });
  });
}

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';

/**
 * A secret's versions after `versionId` takes `stages`, as Secrets Manager moves labels: a label leaves the
 * version that had it; the version that loses AWSCURRENT gets AWSPREVIOUS; a version left without a label
 * is dropped (Berth keeps no unlabelled versions).
 */
export function restage<V extends { stages: string[] }>(versions: Readonly<Record<string, V>>, versionId: string, added: V, stages: readonly string[]): Record<string, V> {
  const out: Record<string, V> = {};
  const oldCurrent = Object.entries(versions).find(([id, v]) => id !== versionId && v.stages.includes(AWSCURRENT))?.[0];
  const moving = new Set([...stages, ...(oldCurrent !== undefined && stages.includes(AWSCURRENT) ? [AWSPREVIOUS] : [])]);
  for (const [id, v] of Object.entries(versions)) {
    if (id === versionId) continue;
    const kept = v.stages.filter((s) => !moving.has(s));
    if (id === oldCurrent && stages.includes(AWSCURRENT)) kept.push(AWSPREVIOUS);
    if (kept.length > 0) out[id] = { ...v, stages: kept };
  }
  out[versionId] = { ...added, stages: [...new Set([...(versions[versionId]?.stages ?? []), ...stages])] };
  return out;
}
