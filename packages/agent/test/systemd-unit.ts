// Runs a systemd unit's ExecStart by hand, as systemd would (CI has no systemd as PID 1): Environment= and
// the EnvironmentFile= it reads (KEY=VALUE lines, # comments), `$NAME` split on whitespace and `${NAME}` as
// one word, User= (setpriv), StateDirectory= (made, owned by User=) and WorkingDirectory=. Only the
// directives Berth's units use; any other in [Service] that changes how ExecStart runs is refused by name.
import type { ChildProcess } from 'node:child_process';
import type { MachineRoot } from './machine-root.js';

export interface ServiceSection { [key: string]: string[] }

/** The [Service] section's directives, each with its values in order. */
export function serviceSection(unitText: string): ServiceSection {
  const out: ServiceSection = {};
  let section = '';
  for (const raw of unitText.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const eq = line.indexOf('=');
    if (section !== 'Service' || eq < 0) continue;
    (out[line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return out;
}

/** KEY=VALUE lines of an environment file, as systemd reads them (quotes around a whole value removed). */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`not KEY=VALUE: ${line}`);
    env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return env;
}

/** ExecStart's words with the environment substituted as systemd does. */
export function expandExecStart(line: string, env: Record<string, string>): string[] {
  const words: string[] = [];
  for (const word of line.trim().split(/\s+/)) {
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (whole) words.push(...(env[whole[1]!] ?? '').split(/\s+/).filter(Boolean));
    else words.push(word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, n: string) => env[n] ?? ''));
  }
  return words;
}

/** Directives that would change how ExecStart runs and that this runner does not apply (hardening and restart
 * settings are systemd's alone and change nothing here). */
const RUN_AFFECTING = new Set(['ExecStartPre', 'ExecStartPost', 'RuntimeDirectory', 'ConfigurationDirectory', 'DynamicUser', 'SupplementaryGroups', 'RootDirectory', 'BindPaths']);

/** Starts the unit's service inside `machine` (its unit file and environment files read there). */
export async function startUnit(machine: MachineRoot, unitPath: string): Promise<{ child: ChildProcess; argv: string[]; env: Record<string, string> }> {
  const read = async (path: string) => {
    const r = await machine.run(['cat', path]);
    if (r.code !== 0) throw new Error(`cannot read ${path} in the machine: ${r.stderr}`);
    return r.stdout;
  };
  const svc = serviceSection(await read(unitPath));
  for (const key of Object.keys(svc)) if (RUN_AFFECTING.has(key)) throw new Error(`${unitPath}: ${key} is not applied by this runner`);
  if ((svc.Type?.[0] ?? 'simple') !== 'simple') throw new Error(`${unitPath}: Type=${svc.Type![0]} is not run by hand here`);
  const env: Record<string, string> = {};
  for (const e of svc.Environment ?? []) Object.assign(env, parseEnvironmentFile(e.replace(/^"(.*)"$/, '$1')));
  for (const f of svc.EnvironmentFile ?? []) {
    const optional = f.startsWith('-');
    const path = optional ? f.slice(1) : f;
    const r = await machine.run(['cat', path]);
    if (r.code === 0) Object.assign(env, parseEnvironmentFile(r.stdout));
    else if (!optional) throw new Error(`${unitPath}: EnvironmentFile ${path} is missing`);
  }
  const user = svc.User?.[0];
  for (const dir of (svc.StateDirectory ?? []).flatMap((d) => d.split(/\s+/))) {
    const path = `/var/lib/${dir}`;
    const mode = svc.StateDirectoryMode?.[0] ?? '0755';
    const r = await machine.run(['sh', '-c', `install -d -m ${mode} ${user ? `-o ${user} -g ${svc.Group?.[0] ?? user}` : ''} ${path}`]);
    if (r.code !== 0) throw new Error(`StateDirectory ${path}: ${r.stderr}`);
  }
  const argv = expandExecStart(svc.ExecStart![0]!, env);
  const cwd = svc.WorkingDirectory?.[0];
  const asUser = user ? ['setpriv', `--reuid=${user}`, `--regid=${svc.Group?.[0] ?? user}`, '--init-groups', '--'] : [];
  const inner = cwd ? ['sh', '-c', 'cd "$0" && exec "$@"', cwd, ...asUser, ...argv] : [...asUser, ...argv];
  return { child: machine.spawn(inner, env), argv, env };
}
