// ClickHouse over its HTTP interface (port 8123): a query in the body, rows back as JSONEachRow. Written for
// 18.16 (Debian's): no query parameters, so every literal goes through `lit`/`int` here and nowhere else.
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

export class ClickHouseHttp {
  constructor(private readonly base: string, private readonly database?: string) {}

  private async post(sql: string, body?: string): Promise<string> {
    const url = new URL(this.base);
    if (this.database) url.searchParams.set('database', this.database);
    if (body !== undefined) url.searchParams.set('query', sql);
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', body: body ?? sql });
    } catch (e) {
      // CloudWatch's answer to a passing outage: clients (Docker's awslogs driver) retry it.
      throw new BerthError('ServiceUnavailableException', `The log store (ClickHouse at ${this.base}) is unavailable: ${(e as Error).cause ?? (e as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) throw new BerthError('ServiceUnavailableException', `The log store (ClickHouse) refused a query: ${text.trim().slice(0, 300)}`);
    return text;
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
