// Fluent Bit's `syslog` output: RFC 5424 (default) or RFC 3164 messages over UDP or TCP. Over TCP, RFC 5424
// messages are framed by octet counting (RFC 6587), RFC 3164 ones end with a newline, as rsyslog's imtcp
// reads them. Each field comes from a record key (`syslog_*_key`) or a fixed value (`syslog_*_preset`).
// A TCP write that the kernel took counts as delivered (syslog has no acknowledgement): at least once.
import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import type { BufferedEntry } from '../disk-buffer.js';
import { ConfigError, integerOption, required, type OutputConfig } from '../config.js';
import { messageOf, tagMatcher, type Output, type SendResult } from './output.js';

const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

export interface SyslogFields {
  format: 'rfc5424' | 'rfc3164';
  maxSize: number;
  messageKey: string;
  field: (e: BufferedEntry, name: 'severity' | 'facility' | 'hostname' | 'appname' | 'procid' | 'msgid') => string | undefined;
}

function severityOf(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = /^\d+$/.test(v) ? Number(v) : SEVERITIES.indexOf(v.toLowerCase());
  return n >= 0 && n <= 7 ? n : fallback;
}

/** One syslog message for an entry (without transport framing); undefined when the record lacks the message key. */
export function formatSyslog(e: BufferedEntry, f: SyslogFields): string | undefined {
  const msg = messageOf(e.record, f.messageKey);
  if (msg === undefined) return undefined;
  const severity = severityOf(f.field(e, 'severity'), 6);
  const facility = Math.min(23, Math.max(0, Number(f.field(e, 'facility') ?? 1) || 0));
  const pri = `<${facility * 8 + severity}>`;
  const nil = (v: string | undefined, max: number) => (v === undefined || v === '' ? '-' : v.replace(/\s/g, '_').slice(0, max));
  let line: string;
  if (f.format === 'rfc5424') {
    line = `${pri}1 ${new Date(e.timeMs).toISOString()} ${nil(f.field(e, 'hostname'), 255)} ${nil(f.field(e, 'appname'), 48)} ${nil(f.field(e, 'procid'), 128)} ${nil(f.field(e, 'msgid'), 32)} - ${msg}`;
  } else {
    const d = new Date(e.timeMs);
    const stamp = `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
    line = `${pri}${stamp} ${nil(f.field(e, 'hostname'), 255)} ${nil(f.field(e, 'appname'), 32)}: ${msg}`;
  }
  return Buffer.byteLength(line) > f.maxSize ? Buffer.from(line).subarray(0, f.maxSize).toString('utf8') : line;
}

export function syslogOutput(c: OutputConfig, index: number): Output {
  const host = required(c, 'host');
  const port = integerOption(c, 'port', 514, 1, 65535);
  const mode = (c.options['mode'] ?? 'udp').toLowerCase();
  if (mode !== 'udp' && mode !== 'tcp') throw new ConfigError(`syslog.mode: ${mode} is not supported (udp or tcp)`);
  const format = (c.options['syslog_format'] ?? 'rfc5424').toLowerCase();
  if (format !== 'rfc5424' && format !== 'rfc3164') throw new ConfigError(`syslog.syslog_format: ${format} is not rfc5424 or rfc3164`);
  const fields: SyslogFields = {
    format,
    maxSize: integerOption(c, 'syslog_maxsize', mode === 'udp' ? 1024 : 2048, 64, 1 << 20),
    messageKey: required(c, 'syslog_message_key'),
    field: (e, name) => {
      const key = c.options[`syslog_${name}_key`];
      const v = key !== undefined ? e.record[key] : undefined;
      return v !== undefined ? String(v) : (c.options[`syslog_${name}_preset`] ?? (name === 'hostname' ? hostname() : undefined));
    },
  };
  const matches = tagMatcher(c.match);
  let tcp: Socket | undefined;
  const tcpSocket = async (): Promise<Socket> => {
    if (tcp && !tcp.destroyed) return tcp;
    tcp = await new Promise<Socket>((resolve, reject) => {
      const s = connect({ host, port }, () => resolve(s));
      s.once('error', reject);
    });
    tcp.on('error', () => tcp?.destroy());
    return tcp;
  };
  const udp = mode === 'udp' ? createSocket(host.includes(':') ? 'udp6' : 'udp4') : undefined;
  return {
    name: `syslog.${index}`,
    matches,
    async send(entries): Promise<SendResult> {
      const lines: string[] = [];
      let n = 0;
      for (const e of entries) {
        n++;
        const line = formatSyslog(e, fields);
        if (line !== undefined) lines.push(line);
      }
      if (lines.length === 0) return { rejected: n };
      if (udp) {
        for (const l of lines) await new Promise<void>((res, rej) => udp.send(l, port, host, (err) => (err ? rej(err) : res())));
      } else {
        const framed = lines.map((l) => (format === 'rfc5424' ? `${Buffer.byteLength(l)} ${l}` : `${l}\n`)).join('');
        const s = await tcpSocket();
        await new Promise<void>((res, rej) => s.write(framed, (err) => (err ? rej(err) : res())));
      }
      return { rejected: n - lines.length };
    },
    async close() {
      tcp?.end();
      udp?.close();
    },
  };
}
