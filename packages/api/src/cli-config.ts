// The berth CLI's configuration file (issue 16 §5), as kubeconfig is kubectl's: named contexts, each with
// the control plane's addresses, the ECS cluster, the cluster CA and an access key; `current-context` picks
// one. berth-server writes the first one at its bootstrap (--bootstrap-config), the CLI reads it and edits
// it (`berth config ...`). The file holds a secret: it is written 0600, in a directory created 0700, and
// a bootstrap never overwrites one that exists.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import YAML from 'yaml';

export interface CliContext {
  name: string;
  /** The control plane's gRPC addresses, comma-separated (HOST:PORT[,HOST:PORT]). */
  server: string;
  /** The ECS cluster commands address (default `default`). */
  cluster?: string;
  /** The cluster CA's certificate (PEM): TLS trusts it alone. Absent: plaintext (a server run --insecure). */
  certificateAuthority?: string;
  /** The access key calls are signed with. */
  accessKeyId?: string;
  secretAccessKey?: string;
}

export interface CliConfig {
  currentContext?: string;
  contexts: CliContext[];
}

/** BERTH_CONFIG, else ~/.berth/config.yaml. */
export function defaultCliConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.BERTH_CONFIG || join(homedir(), '.berth', 'config.yaml');
}

// The file's keys, kubeconfig's style; the model's names in memory.
const FILE_KEYS: Record<keyof CliContext, string> = {
  name: 'name', server: 'server', cluster: 'cluster', certificateAuthority: 'certificate-authority-data',
  accessKeyId: 'access-key-id', secretAccessKey: 'secret-access-key',
};

/** Parses a config file's text; refuses (naming it) anything it does not know, rather than ignore it. */
export function parseCliConfig(text: string, where = 'config'): CliConfig {
  const doc = (YAML.parse(text) ?? {}) as Record<string, unknown>;
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${where}: not a mapping`);
  for (const k of Object.keys(doc)) if (!['apiVersion', 'kind', 'current-context', 'contexts'].includes(k)) throw new Error(`${where}: unknown key ${k}`);
  const contexts = (doc.contexts ?? []) as Record<string, unknown>[];
  if (!Array.isArray(contexts)) throw new Error(`${where}: contexts must be a list`);
  const byFileKey = new Map(Object.entries(FILE_KEYS).map(([k, f]) => [f, k as keyof CliContext]));
  return {
    ...(typeof doc['current-context'] === 'string' ? { currentContext: doc['current-context'] } : {}),
    contexts: contexts.map((c, i) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(c ?? {})) {
        const key = byFileKey.get(k);
        if (!key) throw new Error(`${where}: contexts[${i}]: unknown key ${k}`);
        if (typeof v !== 'string') throw new Error(`${where}: contexts[${i}].${k} must be a string`);
        out[key] = key === 'certificateAuthority' ? Buffer.from(v, 'base64').toString('utf8') : v;
      }
      if (!out.name || !out.server) throw new Error(`${where}: contexts[${i}] needs a name and a server`);
      return out as unknown as CliContext;
    }),
  };
}

export function formatCliConfig(config: CliConfig): string {
  const contexts = config.contexts.map((c) => Object.fromEntries(Object.entries(c)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [FILE_KEYS[k as keyof CliContext], k === 'certificateAuthority' ? Buffer.from(String(v)).toString('base64') : v])));
  return YAML.stringify({ apiVersion: 'berth/v1', kind: 'Config', ...(config.currentContext ? { 'current-context': config.currentContext } : {}), contexts });
}

/** The config at `path`, or an empty one when there is no file. */
export function readCliConfig(path: string): CliConfig {
  if (!existsSync(path)) return { contexts: [] };
  return parseCliConfig(readFileSync(path, 'utf8'), path);
}

/** The directory of a config: created 0700 when missing (its parents as mkdir makes them). */
function ensureDirectory(path: string): void {
  const dir = dirname(path);
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Writes a new config file (0600); refuses if one exists: a bootstrap never overwrites what someone keeps. */
export function writeNewCliConfig(path: string, config: CliConfig): void {
  ensureDirectory(path);
  writeFileSync(path, formatCliConfig(config), { mode: 0o600, flag: 'wx' });
}

/** Replaces a config file (0600) in one rename: a reader sees the old or the new, never half. */
export function saveCliConfig(path: string, config: CliConfig): void {
  ensureDirectory(path);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, formatCliConfig(config), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
