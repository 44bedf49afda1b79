// Progress of long work (run --wait, rollout status, drain --wait, apply --wait): on a terminal, one line
// redrawn in place with a bar; piped or with -o other than table, a plain line each time the picture
// changes, so logs and scripts read it line by line.

export interface ProgressTerminal {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface Progress {
  /** `done` of `total` (a bar on a terminal), and what is happening. */
  update(done: number, total: number, text: string): void;
  /** The last word: the bar's line is replaced by it (or it follows the plain lines). */
  end(line: string): void;
}

const BAR = 20;

/** A bar of `done` out of `total`: `[########------------]`. */
export function bar(done: number, total: number, width = BAR): string {
  const filled = total > 0 ? Math.max(0, Math.min(width, Math.round((done / total) * width))) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

export function progress(terminal: ProgressTerminal): Progress {
  let last = '';
  let drawn = false;
  if (!terminal.isTTY) {
    return {
      update(_done, _total, text) {
        if (text !== last) terminal.write(text + '\n');
        last = text;
      },
      end(line) {
        terminal.write(line + '\n');
      },
    };
  }
  const fit = (s: string) => (terminal.columns && s.length > terminal.columns - 1 ? s.slice(0, terminal.columns - 1) : s);
  return {
    update(done, total, text) {
      const line = fit(`${bar(done, total)} ${done}/${total} ${text}`);
      if (line === last) return;
      // Back to the line's start, the new text, and the rest of the old one cleared.
      terminal.write(`\r${line}\x1b[K`);
      last = line;
      drawn = true;
    },
    end(line) {
      terminal.write(`${drawn ? '\r\x1b[K' : ''}${line}\n`);
    },
  };
}
