// berth config: the contexts of the config file (BERTH_CONFIG, default ~/.berth/config.yaml), as kubectl's
// config verbs: get-contexts, use-context NAME, set-context NAME --server --cluster [--ca-cert FILE], view.
// Nothing here calls a server; `view` never prints a secret.
import { readFileSync } from 'node:fs';
import { defaultCliConfigPath, readCliConfig, saveCliConfig, type CliConfig, type CliContext } from '@berth/api';
import { UsageError } from '../context.js';
import { render, table, type Format } from '../output.js';

export interface ConfigIo {
  out(s: string): void;
  env?: NodeJS.ProcessEnv;
}

function load(io: ConfigIo): { path: string; config: CliConfig } {
  const path = defaultCliConfigPath(io.env);
  try {
    return { path, config: readCliConfig(path) };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const REDACTED = 'REDACTED';

/** A context as `view` and `get-contexts -o json` show it: no secret, the CA abbreviated. */
function shown(c: CliContext): { name: string; server: string; cluster?: string; 'access-key-id'?: string } & Record<string, string> {
  return {
    name: c.name, server: c.server, ...(c.cluster ? { cluster: c.cluster } : {}),
    ...(c.certificateAuthority ? { 'certificate-authority-data': 'DATA+OMITTED' } : {}),
    ...(c.accessKeyId ? { 'access-key-id': c.accessKeyId } : {}),
    ...(c.secretAccessKey ? { 'secret-access-key': REDACTED } : {}),
  };
}

export function getContexts(io: ConfigIo, format: Format): void {
  const { config } = load(io);
  const rows = config.contexts.map((c) => ({ current: c.name === config.currentContext ? '*' : '', ...shown(c) }));
  io.out(render(format, rows, () => table(rows, [
    { header: 'CURRENT', get: (r) => r.current },
    { header: 'NAME', get: (r) => r.name },
    { header: 'SERVER', get: (r) => r.server },
    { header: 'CLUSTER', get: (r) => r.cluster ?? 'default' },
    { header: 'ACCESS KEY', get: (r) => r['access-key-id'] },
  ])));
}

export function useContext(io: ConfigIo, name: string): void {
  const { path, config } = load(io);
  if (!config.contexts.some((c) => c.name === name)) throw new UsageError(`no context "${name}" in ${path}`);
  saveCliConfig(path, { ...config, currentContext: name });
  io.out(`Switched to context "${name}".\n`);
}

export interface SetContextFlags {
  server?: string;
  cluster?: string;
  caCert?: string;
}

/**
 * Creates or changes a context. A new one starts from the current context (its CA and access key), so a
 * context per ECS cluster or per replica needs no secret typed; a first one needs --server.
 */
export function setContext(io: ConfigIo, name: string, flags: SetContextFlags): void {
  const { path, config } = load(io);
  const existing = config.contexts.find((c) => c.name === name);
  const current = config.contexts.find((c) => c.name === config.currentContext);
  const base: Partial<CliContext> = existing ?? (current ? { ...current } : {});
  let ca: string | undefined;
  try {
    if (flags.caCert) ca = readFileSync(flags.caCert, 'utf8');
  } catch (e) {
    throw new UsageError(`--ca-cert: cannot read ${flags.caCert}: ${(e as Error).message}`);
  }
  const server = flags.server ?? base.server;
  if (!server) throw new UsageError('a new context needs --server HOST:PORT[,HOST:PORT]');
  const next: CliContext = {
    ...base, name, server,
    ...(flags.cluster !== undefined ? { cluster: flags.cluster } : {}),
    ...(ca !== undefined ? { certificateAuthority: ca } : {}),
  };
  const contexts = existing ? config.contexts.map((c) => (c.name === name ? next : c)) : [...config.contexts, next];
  saveCliConfig(path, { ...config, contexts, ...(config.currentContext ? {} : { currentContext: name }) });
  io.out(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
}

export function view(io: ConfigIo, format: Format): void {
  const { config } = load(io);
  const doc = { apiVersion: 'berth/v1', kind: 'Config', ...(config.currentContext ? { 'current-context': config.currentContext } : {}), contexts: config.contexts.map(shown) };
  io.out(render(format === 'table' ? 'yaml' : format, doc, () => ''));
}
