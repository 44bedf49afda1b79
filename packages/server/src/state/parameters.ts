// Parameter Store's parameters: `parameters/h/PATH` for a hierarchical name (`/app/db/password`, so a path's
// parameters are one key range, GetParametersByPath's), `parameters/f/NAME` for a flat one (`db-password`).
// A record holds the latest version only, its value sealed with the secrets key whatever its type (the
// additional data binds it to the name and version).
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, recordsPage, type Versioned } from './kit.js';

const PREFIX = ROOT + 'parameters/';
const HIERARCHY = PREFIX + 'h';
export const parameterKey = (name: string) => (name.startsWith('/') ? `${HIERARCHY}${name}` : `${PREFIX}f/${name}`);

export interface ParameterRecord {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  sealedValue: string;
  version: number;
  /** Epoch seconds. */
  lastModifiedDate: number;
  /** The caller's ARN, when it was an IAM user. */
  lastModifiedUser?: string;
  description?: string;
  allowedPattern?: string;
  tags: { Key: string; Value: string }[];
}

export function getParameter(store: Store, name: string): Promise<Versioned<ParameterRecord> | null> {
  return getJSON<ParameterRecord>(store, parameterKey(name));
}

export function putParameterOp(rec: ParameterRecord): Op {
  return { put: parameterKey(rec.name), value: json(rec) };
}

export function deleteParameterOp(name: string): Op {
  return { delete: parameterKey(name) };
}

/** The key range of a path's parameters (`/` for every hierarchical one), for GetParametersByPath. */
export const pathPrefix = (path: string) => `${HIERARCHY}${path.replace(/\/$/, '')}/`;

/** A page of parameters under a key prefix (every parameter: PREFIX), after a key this listing returned. */
export const parametersPage = (store: Store, prefix: string, after: string | undefined, limit: number) => recordsPage<ParameterRecord>(store, prefix, after, limit);

export const ALL_PARAMETERS = PREFIX;
export const isParametersKey = (key: string) => key.startsWith(PREFIX);
