// Runs the real berth-server bin as a child process and waits for its "listening" log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './helpers.js';

export interface ServerProcess {
  child: ChildProcess;
  addr: string;
  logs: string[];
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string>;
}

export function spawnServer(args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, [`${REPO_ROOT}packages/server/bin/berth-server.js`, '--insecure', '--listen', '127.0.0.1:0', '--ecs-listen', '127.0.0.1:0', '--metrics-listen', '127.0.0.1:0', '--console-listen', 'off', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | string>((r) => child.on('exit', (code, signal) => r(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        logs.push(line);
        try {
          const m = JSON.parse(line);
          if (m.msg === 'listening' && m.name === 'grpc') resolve({ child, addr: m.addr, logs, exited });
        } catch {
          /* not JSON */
        }
      }
    });
    exited.then((code) => reject(new Error(`berth-server exited (${code}) before listening:\n${logs.join('\n')}`)));
  });
}
