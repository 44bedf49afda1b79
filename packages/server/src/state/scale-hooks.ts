// Scale hooks (issue 22 §6): the hook (`scale-hooks/NAME`) and the record of its last call
// (`scale-hook-calls/NAME`: what was asked, how it went; the runner's idempotence and audit), kept apart
// so a call never rewrites what the operator created.
import type { ScaleHookCall } from '@berth/core';
import type { Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';

const HOOKS = ROOT + 'scale-hooks/';
const CALLS = ROOT + 'scale-hook-calls/';

export interface ScaleHookRecord {
  name: string;
  arn: string;
  /** Absent: the executable NAME in --scale-hooks-dir. */
  url?: string;
  timeoutSeconds: number;
  retries: number;
  description?: string;
  /** Epoch seconds. */
  createdAt: number;
}

/** Creates the hook unless one of that name exists (false then). */
export async function createScaleHook(store: Store, rec: ScaleHookRecord): Promise<boolean> {
  const key = HOOKS + rec.name;
  return (await store.txn({ compare: [{ key, modRevision: 0 }], success: [{ put: key, value: json(rec) }] })).succeeded;
}

export const getScaleHook = async (store: Store, name: string): Promise<ScaleHookRecord | undefined> => (await getJSON<ScaleHookRecord>(store, HOOKS + name))?.value;

export async function listScaleHooks(store: Store): Promise<ScaleHookRecord[]> {
  return (await rangeAll(store, HOOKS)).map((kv) => decode<ScaleHookRecord>(kv));
}

/** Deletes the hook and its call record (false: there was none). */
export async function deleteScaleHook(store: Store, name: string): Promise<boolean> {
  const deleted = (await store.delete(HOOKS + name)).deleted > 0;
  await store.delete(CALLS + name);
  return deleted;
}

export const getScaleHookCall = (store: Store, name: string): Promise<Versioned<ScaleHookCall> | null> => getJSON<ScaleHookCall>(store, CALLS + name);

export async function putScaleHookCall(store: Store, name: string, call: ScaleHookCall): Promise<void> {
  await store.put(CALLS + name, json(call));
}
