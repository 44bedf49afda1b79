// The router assembled: one disk buffer, the Forward input writing into it, a shipper per configured
// output reading from it, and a timer that deletes the segments every output has passed.
import type { DiskBufferOptions } from './disk-buffer.js';
import { DiskBuffer } from './disk-buffer.js';
import { ForwardInput } from './forward-input.js';
import { Shipper } from './shipper.js';
import type { OutputConfig } from './config.js';
import { credentialsFromEnv } from './credentials.js';
import { cloudwatchOutput } from './outputs/cloudwatch-logs.js';
import { fileOutput } from './outputs/file.js';
import { syslogOutput } from './outputs/syslog.js';
import type { Output } from './outputs/output.js';

export interface RouterOptions {
  outputs: OutputConfig[];
  /** Fields added to every record as it comes in (config.ts's `record`). */
  record?: Record<string, string>;
  /** `unix:PATH` or `HOST:PORT`. */
  listen: string;
  bufferDir: string;
  buffer?: DiskBufferOptions;
  env?: NodeJS.ProcessEnv;
  log?: (msg: string, f?: object) => void;
}

export function buildOutputs(configs: readonly OutputConfig[], env: NodeJS.ProcessEnv = process.env): Output[] {
  const credentials = credentialsFromEnv(env);
  return configs.map((c, i) => {
    switch (c.name) {
      case 'cloudwatch_logs': return cloudwatchOutput(c, i, credentials, env);
      case 'syslog': return syslogOutput(c, i);
      case 'file': return fileOutput(c, i);
    }
  });
}

export interface Router {
  address: string;
  input: ForwardInput;
  shippers: Shipper[];
  buffer: DiskBuffer;
  /**
   * Takes no new connection, lets Docker's loggers finish and close theirs, and resolves once every output
   * has shipped everything buffered (a FireLens task's router on SIGTERM: the task's other containers
   * stopped first, so what is buffered then is all there will be). A destination that stays away keeps it
   * retrying until the container's stop timeout ends it; what is left stays in the buffer.
   */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export async function startRouter(opts: RouterOptions): Promise<Router> {
  const log = opts.log ?? (() => {});
  // Outputs are built first: a configuration error stops the router before it accepts anything.
  const outputs = buildOutputs(opts.outputs, opts.env);
  const buffer = await DiskBuffer.open(opts.bufferDir, opts.buffer);
  const shippers = outputs.map((o) => new Shipper(buffer, o, opts.bufferDir, log));
  for (const s of shippers) await s.start();
  const input = new ForwardInput(buffer, log, opts.record);
  const address = await input.listen(opts.listen);
  const release = setInterval(() => void buffer.release(shippers.map((s) => s.position)).catch((err) => log('buffer release failed', { error: (err as Error).message })), 1000);
  return {
    address, input, shippers, buffer,
    async drain() {
      await input.drain();
      for (;;) {
        const left = await Promise.all(shippers.map(async (s) => (await buffer.read(s.position, 1, 1)).length));
        if (left.every((n) => n === 0)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      clearInterval(release);
      await input.close();
      const stopping = shippers.map((s) => s.stop());
      await buffer.close();
      await Promise.all(stopping);
      for (const o of outputs) await o.close?.();
    },
  };
}
