// Fluent Bit's `file` output: each entry appended to PATH/FILE (FILE defaults to the entry's tag), in
// Fluent Bit's `out_file` format (`tag: [seconds.nanoseconds, {record}]`) or `plain` (the record as JSON).
// Appended and synced before the batch counts as delivered; a crash between that and the shipper's
// checkpoint repeats the batch (at least once).
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BufferedEntry } from '../disk-buffer.js';
import { ConfigError, booleanOption, required, type OutputConfig } from '../config.js';
import { tagMatcher, type Output, type SendResult } from './output.js';

export function formatFileLine(e: BufferedEntry, format: 'out_file' | 'plain'): string {
  if (format === 'plain') return JSON.stringify(e.record) + '\n';
  const sec = Math.floor(e.timeMs / 1000);
  const nanos = String((e.timeMs % 1000) * 1_000_000).padStart(9, '0');
  return `${e.tag}: [${sec}.${nanos}, ${JSON.stringify(e.record)}]\n`;
}

export function fileOutput(c: OutputConfig, index: number): Output {
  const dir = required(c, 'path');
  const format = c.options['format'] ?? 'out_file';
  if (format !== 'out_file' && format !== 'plain') throw new ConfigError(`file.format: ${format} is not supported (out_file or plain)`);
  const mkdirs = booleanOption(c, 'mkdir', false);
  const matches = tagMatcher(c.match);
  return {
    name: `file.${index}`,
    matches,
    async send(entries): Promise<SendResult> {
      const byFile = new Map<string, string[]>();
      for (const e of entries) {
        const path = join(dir, c.options['file'] ?? e.tag);
        byFile.set(path, [...(byFile.get(path) ?? []), formatFileLine(e, format)]);
      }
      for (const [path, lines] of byFile) {
        if (mkdirs) await mkdir(dirname(path), { recursive: true });
        await appendFile(path, lines.join(''));
        const fh = await open(path, 'r');
        await fh.datasync();
        await fh.close();
      }
      return { rejected: 0 };
    },
  };
}
