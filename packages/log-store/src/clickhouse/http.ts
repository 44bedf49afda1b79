// ClickHouse over its HTTP interface (port 8123), on kept-alive connections: a query in the body, rows back
// as JSONEachRow. Written for
// 18.16 (Debian's): no query parameters, so every literal goes through `lit`/`int` here and nowhere else.
import { Agent, request as httpRequest } from 'node:http';
import { BerthError } from '@berth/core';

export function lit(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
}

const TSV_SPECIAL = /[\\\t\n\r]/;
const TSV_ESCAPE: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A value in ClickHouse's TabSeparated input: a backslash escapes, and a raw tab or newline would end the
 * field or the row (a carriage return is escaped too, which 18.16 would take for a Windows line end).
 */
export function tsv(s: string): string {
  return TSV_SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => TSV_ESCAPE[c]!) : s;
}

/**
 * One keep-alive agent per store: queries reuse connections (a batch makes several), and an idle one is
 * closed after 2 s, before ClickHouse's own keep_alive_timeout (3 s) would close it under a request.
 */
const IDLE_MS = 2_000;

export class ClickHouseHttp {
  private readonly url: URL;
  private readonly agent = new Agent({ keepAlive: true, timeout: IDLE_MS });

  constructor(private readonly base: string, private readonly database?: string) {
    this.url = new URL(base);
  }

  /**
   * A query over node:http with a Buffer body (fetch's web streams copied each 1-MB body twice and cost a
   * sixth of a ClickHouse PutLogEvents' server CPU). A connection ClickHouse closed while it idled fails at
   * once with ECONNRESET on reuse: that attempt is sent again on a new connection, once. (Sending an
   * INSERT twice is safe here: events are read by (stream, batch, index), repeats dropped, and a batch row
   * is keyed by (stream, batch).)
   */
  private async post(sql: string, body?: string): Promise<string> {
    const params = new URLSearchParams();
    if (this.database) params.set('database', this.database);
    if (body !== undefined) params.set('query', sql);
    const data = Buffer.from(body ?? sql, 'utf8');
    const path = `${this.url.pathname}?${params}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const { status, text } = await this.request(path, data);
        if (status < 200 || status >= 300) throw new BerthError('ServiceUnavailableException', `The log store (ClickHouse) refused a query: ${text.trim().slice(0, 300)}`);
        return text;
      } catch (e) {
        if (e instanceof BerthError) throw e;
        if (attempt === 0 && (e as { reused?: boolean }).reused && (e as NodeJS.ErrnoException).code === 'ECONNRESET') continue;
        // CloudWatch's answer to a passing outage: clients (Docker's awslogs driver) retry it.
        throw new BerthError('ServiceUnavailableException', `The log store (ClickHouse at ${this.base}) is unavailable: ${(e as Error).message}`);
      }
    }
  }

  private request(path: string, data: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({
        host: this.url.hostname, port: this.url.port || 8123, method: 'POST', path, agent: this.agent,
        headers: { 'content-length': String(data.length) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', (err) => reject(Object.assign(err, { reused: req.reusedSocket })));
      req.end(data);
    });
  }

  close(): void {
    this.agent.destroy();
  }

  exec(sql: string): Promise<string> {
    return this.post(sql);
  }

  async rows<T>(sql: string): Promise<T[]> {
    const text = await this.post(`${sql} FORMAT JSONEachRow`);
    return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as T);
  }

  /**
   * Rows already in TabSeparated form (each value through `tsv`, each row ending in a newline): for the
   * events, where building one string is several times cheaper than an object and its JSON per row, for
   * this process and for ClickHouse's parser.
   */
  async insertTsv(table: string, columns: readonly string[], rows: string): Promise<void> {
    if (rows === '') return;
    await this.post(`INSERT INTO ${table} (${columns.join(', ')}) FORMAT TabSeparated`, rows);
  }

  async insert(table: string, rows: object[]): Promise<void> {
    if (rows.length === 0) return;
    await this.post(`INSERT INTO ${table} FORMAT JSONEachRow`, rows.map((r) => JSON.stringify(r)).join('\n'));
  }
}
