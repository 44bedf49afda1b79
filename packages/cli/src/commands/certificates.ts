// berth get certificates, berth revoke certificate SERIAL: the certificates machines of other kinds than
// agents (lb, log-router, exporter) hold, and their revocation (the machine's calls refused, its streams
// cut). An agent's certificate is revoked by deregistering its container instance.
import { FLEET_API } from '@berth/core';
import type { CommandContext } from '../context.js';
import { render, table, time } from '../output.js';

interface Certificate {
  serial: string; kind: string; cluster: string; id: string; issuedAt: number; notAfter: number; revokedAt?: number;
}

const iso = (s: number) => time(s)!;
const status = (c: Certificate, nowS: number) => (c.revokedAt !== undefined ? `revoked ${iso(c.revokedAt)}` : c.notAfter <= nowS ? 'expired' : 'valid');

export async function getCertificates(ctx: CommandContext): Promise<void> {
  const { certificates } = await ctx.client.callApi(FLEET_API, 'ListCertificates', {}) as { certificates: Certificate[] };
  const nowS = Date.now() / 1000;
  ctx.out(render(ctx.output, certificates, () =>
    certificates.length === 0
      ? 'No certificates (besides agents\').\n'
      : table(certificates, [
        { header: 'SERIAL', get: (c: Certificate) => c.serial },
        { header: 'KIND', get: (c: Certificate) => c.kind },
        { header: 'CLUSTER', get: (c: Certificate) => c.cluster },
        { header: 'MACHINE', get: (c: Certificate) => c.id },
        { header: 'NOT AFTER', get: (c: Certificate) => iso(c.notAfter) },
        { header: 'STATUS', get: (c: Certificate) => status(c, nowS) },
      ])));
}

export async function revokeCertificate(ctx: CommandContext, serial: string): Promise<void> {
  const res = await ctx.client.callApi(FLEET_API, 'RevokeCertificate', { serial }) as { certificates: Certificate[] };
  ctx.out(render(ctx.output, res, () =>
    res.certificates.length === 0
      ? `certificate/${serial} was already revoked\n`
      : res.certificates.map((c) => `certificate/${c.serial} revoked (${c.kind} ${c.cluster}/${c.id})\n`).join('')));
}
