// The instance's identity, kept in ECS_DATADIR: a restarted agent re-registers as the same instance.
import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface AgentIdentity {
  cluster: string;
  containerInstanceArn: string;
}

const FILE = 'agent.json';

export function loadIdentity(dataDir: string): AgentIdentity | undefined {
  const p = join(dataDir, FILE);
  if (!existsSync(p)) return undefined;
  return JSON.parse(readFileSync(p, 'utf8')) as AgentIdentity;
}

export function saveIdentity(dataDir: string, id: AgentIdentity): void {
  mkdirSync(dataDir, { recursive: true });
  const p = join(dataDir, FILE);
  const tmp = `${p}.tmp`;
  writeFileSync(tmp, JSON.stringify(id, null, 2));
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, p);
}
