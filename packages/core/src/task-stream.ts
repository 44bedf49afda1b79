// Flow control of the request/stream facility (agent.proto TaskStreamFrame), as HTTP/2's windows: per
// stream and per direction, a sender holds credit (bytes it may still send) and the receiver gives credit
// back as it passes data on. So a stalled reader stops its sender after one window, and no buffer on the
// path holds more than a window. Pure bookkeeping: the agent and the server each keep one SendCredit and
// one ReceiveCredit per stream.
import { BerthError } from './errors.js';

/** The window each side starts a stream with (bytes). */
export const TASK_STREAM_WINDOW = 256 * 1024;
/** The largest data frame (bytes): several frames fit a window, and a frame never hogs the session. */
export const TASK_STREAM_CHUNK = 32 * 1024;

/** What a sender may send: it spends credit, and gains what the receiver gives back. */
export class SendCredit {
  constructor(private credit: number) {}

  get available(): number {
    return this.credit;
  }

  /** How many of `wanted` bytes may go in the next frame now (0: wait for credit). Spends them. */
  take(wanted: number): number {
    const n = Math.min(wanted, this.credit, TASK_STREAM_CHUNK);
    this.credit -= n;
    return n;
  }

  grant(bytes: number): void {
    this.credit += bytes;
  }
}

/**
 * What a receiver has taken and passed on. Credit goes back in batches of half a window: the sender's credit,
 * what the receiver holds and what it owes always add up to the window, so a receiver that has passed
 * everything on and owes less than half leaves the sender more than half a window: batching never stalls a
 * flow the receiver keeps up with, and a steady flow costs one credit frame per half window.
 */
export class ReceiveCredit {
  /** Bytes received and not yet passed on. */
  private held = 0;
  /** Bytes passed on and not yet given back as credit. */
  private owed = 0;
  /** Bytes the sender may still send without more credit. */
  private open: number;

  constructor(private readonly window: number) {
    this.open = window;
  }

  /** Data arrived. A sender that overruns its credit broke the protocol: refused. */
  received(bytes: number): void {
    if (bytes > this.open) throw new BerthError('InvalidParameterException', `A stream sent ${bytes} bytes with ${this.open} bytes of credit.`);
    this.open -= bytes;
    this.held += bytes;
  }

  /** Data was passed on (written out): returns the credit to give back now, or 0 to keep batching. */
  passedOn(bytes: number): number {
    const n = Math.min(bytes, this.held);
    this.held -= n;
    this.owed += n;
    if (this.owed < this.window / 2) return 0;
    const give = this.owed;
    this.owed = 0;
    this.open += give;
    return give;
  }
}
