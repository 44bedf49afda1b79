// A task's live log on the console's task page: BerthTasks' GetTaskLogs (task-io-service.ts, the same hook
// chain and IAM action, berth:GetTaskLogs, as `berth logs`) written as server-sent events. Each piece of
// output is an `output` message, {"fd": 1 or 2, "text": ...}, decoded as UTF-8 per stream (a character
// split across two pieces is kept until its end arrives); the log's end is an `end` message.
import type { ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { LogsOutput } from '../task-io/task-io-service.js';
import { ServerSentStream } from './event-source.js';

export class TaskOutputEvents extends ServerSentStream implements LogsOutput {
  private readonly decoders = new Map<number, StringDecoder>();

  constructor(readonly request: { cluster?: string; task?: string; container?: string; follow: boolean; tail?: number }, res: ServerResponse, keepAliveMs: number) {
    super(res, keepAliveMs, 'berth task log');
  }

  write(m: { data?: Uint8Array; fd?: number }): boolean {
    const fd = m.fd ?? 1;
    let d = this.decoders.get(fd);
    if (!d) this.decoders.set(fd, (d = new StringDecoder('utf8')));
    const text = d.write(Buffer.from(m.data ?? []));
    return text === '' || this.res.write(`event: output\ndata: ${JSON.stringify({ fd, text })}\n\n`);
  }

  end(): void {
    this.res.end('event: end\ndata: {}\n\n');
  }
}
