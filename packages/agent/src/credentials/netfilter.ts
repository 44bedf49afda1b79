// The thin edge of the credentials endpoint's address translation (address-translation.ts): runs iptables
// (Debian 12's is nft-backed; `iptables -C` checks a rule there as on legacy), ip and sysctl. Installing is
// idempotent (each piece is checked first), so an agent restart changes nothing while containers run; what
// was installed is written to ECS_DATADIR, so an uninstall (berth-agent --uninstall-credentials-rules, the
// packages' removal scripts) takes away exactly that, and an agent whose port or bridge changed moves the
// rules rather than leaving the old ones first in their chains.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '@berth/api';
import { credentialsTranslation, type HostRule, type TranslationInput } from './address-translation.js';

const run = promisify(execFile);
/** ECS_DATADIR's record of the translation this machine has (its input: the bridge and the port). */
export const TRANSLATION_FILE = 'credentials-translation.json';

async function present(rule: HostRule): Promise<boolean> {
  try {
    const { stdout } = await run(rule.check[0]!, rule.check.slice(1));
    return rule.checkOutput === undefined || (rule.checkOutput === '*' ? stdout.trim() !== '' : stdout.trim() === rule.checkOutput);
  } catch {
    return false;
  }
}

async function exec(argv: string[]): Promise<void> {
  try {
    await run(argv[0]!, argv.slice(1));
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${argv.join(' ')}: ${(err.stderr || err.message).trim()}`);
  }
}

function saved(dataDir: string): TranslationInput | undefined {
  try {
    const v = JSON.parse(readFileSync(join(dataDir, TRANSLATION_FILE), 'utf8')) as TranslationInput;
    return typeof v.bridge === 'string' && Number.isInteger(v.port) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Adds what is missing of the translation for `input`; a different one recorded before is removed first. */
export async function installTranslation(dataDir: string, input: TranslationInput, log: Logger): Promise<void> {
  const before = saved(dataDir);
  if (before && (before.bridge !== input.bridge || before.port !== input.port)) await uninstallTranslation(dataDir, log, before);
  // Recorded first: an install cut short is still removed by an uninstall.
  writeFileSync(join(dataDir, TRANSLATION_FILE), JSON.stringify(input), { mode: 0o600 });
  const added: string[] = [];
  for (const rule of credentialsTranslation(input)) {
    if (await present(rule)) continue;
    await exec(rule.add);
    added.push(rule.name);
  }
  log.info('credentials endpoint address translation in place', { ...input, added });
}

/**
 * Removes the translation recorded in ECS_DATADIR (or `input`): every piece, as often as it is there.
 * Returns the names of what it removed.
 */
export async function uninstallTranslation(dataDir: string, log: Logger, input = saved(dataDir)): Promise<string[]> {
  if (!input) return [];
  const removed: string[] = [];
  for (const rule of credentialsTranslation(input).reverse()) {
    // A rule added twice by hand is there twice: take each away.
    for (let i = 0; i < 10 && (await present(rule)); i++) {
      await exec(rule.remove);
      removed.push(rule.name);
    }
  }
  rmSync(join(dataDir, TRANSLATION_FILE), { force: true });
  log.info('credentials endpoint address translation removed', { ...input, removed });
  return removed;
}
