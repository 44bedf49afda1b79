// The berth bin as a user runs it: a child process from the repository root, BERTH_SERVER set.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface Run { code: number; stdout: string; stderr: string }

/** No config file: a test's CLI never reads the user's ~/.berth/config.yaml. */
export const NO_CONFIG = join(tmpdir(), `berth-no-config-${process.pid}.yaml`);

export function cliAgainst(server: string, env: Record<string, string> = {}): (...args: string[]) => Promise<Run> {
  return (...args) => new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}packages/cli/bin/berth.js`, ...args], { env: { ...process.env, BERTH_CONFIG: NO_CONFIG, BERTH_SERVER: server, ...env }, cwd: ROOT });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
