// berth.v1.BerthFleet: join tokens, and the join itself. A machine presents a token (which pins the
// cluster CA by its fingerprint) and its own public key; an agent also its registration. One call checks
// the token (constant-time secret compare, expiry, uses counted with a store compare), registers the
// container instance and issues its client certificate. The token is never stored anywhere but as a hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  BerthError, ECS_API, FLEET_API, MAX_CLOCK_SKEW_SECONDS, certificateSerial, checkShape, clockSkewMessage, formatJoinToken, parseJoinToken,
  type CertificateIdentity, type JoinKind, type RegisterContainerInstanceRequest,
} from '@berth/core';
import type { ActionTable, CallContext } from '@berth/api';
import type { Compare } from '@berth/store';
import type { ServerContext } from '../context.js';
import { countJoinTokenUse, createJoinToken, deleteJoinToken, getJoinToken, listJoinTokens, type JoinTokenRecord } from '../state/join-tokens.js';
import { certificateAt, deleteCertificateOp, getCertificate, listCertificates, putCertificateOp, type CertificateRecord } from '../state/certificates.js';
import { commitWithRetry } from '../state/kit.js';
import { activeCluster, createCluster } from '../handlers/clusters.js';
import { registerContainerInstance } from '../handlers/container-instances.js';
import { checkPublicKey, issueClientCertificate, type CertificateAuthority } from './certificates.js';
import { RateLimiter, peerHost, type RateLimit } from './rate-limit.js';
import { reportLoadBalancerStatistics } from '../handlers/elb/lb-statistics-reports.js';
import { reportTargetHealth } from '../handlers/elb/target-health-reports.js';

export interface FleetOptions {
  /** Lifetime of the client certificates issued (default 30 days; agents renew at two thirds of it). */
  certificateLifetimeSeconds?: number;
  /** Joins per source address, and overall (default: bursts of 5 and 50, one and ten per second). */
  joinRateLimit?: { perSource?: RateLimit; overall?: RateLimit };
}

export const DEFAULT_CERT_LIFETIME_SECONDS = 30 * 24 * 3600;
const DEFAULT_TTL_SECONDS = 24 * 3600;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const randomText = (n: number, alphabet = ALNUM) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');

function tokenInfo(r: JoinTokenRecord) {
  return {
    id: r.id, kind: r.kind, createdAt: r.createdAt, expiresAt: r.expiresAt, usesAllowed: r.usesAllowed, uses: r.uses,
    ...(r.cluster !== undefined ? { cluster: r.cluster } : {}), ...(r.description !== undefined ? { description: r.description } : {}),
  };
}

const refused = (why = 'The join token is not valid.') => new BerthError('AccessDeniedException', why);
export const revokedCertificate = (serial: string) => new BerthError('AccessDeniedException', `The certificate ${serial} is revoked (berth get certificates). Join again with a new token.`);

export class FleetService {
  private readonly limiter: RateLimiter;
  private readonly lifetimeMs: number;

  /** `ca` gives the cluster CA (created on first use when the server did not need it at start). */
  constructor(private readonly ctx: ServerContext, private readonly ca: () => Promise<CertificateAuthority>, opts: FleetOptions = {}) {
    this.lifetimeMs = (opts.certificateLifetimeSeconds ?? DEFAULT_CERT_LIFETIME_SECONDS) * 1000;
    this.limiter = new RateLimiter(opts.joinRateLimit?.perSource ?? { burst: 5, perSecond: 1 }, opts.joinRateLimit?.overall ?? { burst: 50, perSecond: 10 });
  }

  table(): ActionTable {
    return {
      api: FLEET_API,
      // The token is a joining machine's credential: it has no access key, nor a certificate yet.
      unsignedActions: ['Join'],
      handlers: {
        Join: (req, call) => this.join(req, call),
        RenewCertificate: (req, call) => this.renew(req, call),
        ReportTargetHealth: (req, call) => reportTargetHealth(this.ctx, req, call),
        ReportLoadBalancerStatistics: (req, call) => reportLoadBalancerStatistics(this.ctx, req, call),
        CreateJoinToken: (req) => this.createToken(req),
        ListJoinTokens: async () => ({ joinTokens: (await listJoinTokens(this.ctx.store)).map(tokenInfo) }),
        ListCertificates: async () => ({ certificates: (await listCertificates(this.ctx.store)).map((r) => r.value) }),
        RevokeCertificate: (req: { serial: string }) => this.revoke(req.serial),
        DeleteJoinToken: async (req: { id: string }) => {
          if (!(await deleteJoinToken(this.ctx.store, req.id))) throw new BerthError('ResourceNotFoundException', `The join token ${req.id} does not exist.`, 'id');
          this.ctx.log.info('join token deleted', { id: req.id });
          return {};
        },
      },
    };
  }

  private async createToken(req: { ttlSeconds?: number; uses?: number; cluster?: string; kind?: JoinKind; description?: string }) {
    if (req.cluster !== undefined) await activeCluster(this.ctx, req.cluster);
    const now = Math.floor(this.ctx.now());
    const rec: JoinTokenRecord = {
      id: randomText(6, 'abcdefghijklmnopqrstuvwxyz0123456789'),
      secretHash: '',
      kind: req.kind ?? 'agent',
      createdAt: now,
      expiresAt: now + (req.ttlSeconds ?? DEFAULT_TTL_SECONDS),
      usesAllowed: req.uses ?? 0,
      uses: 0,
      ...(req.cluster !== undefined ? { cluster: req.cluster } : {}),
      ...(req.description !== undefined ? { description: req.description } : {}),
    };
    const secret = randomText(32);
    rec.secretHash = hashSecret(secret).toString('hex');
    if (!(await createJoinToken(this.ctx.store, rec))) throw new BerthError('ServerException', 'A join token id collided; try again.');
    this.ctx.log.info('join token created', { id: rec.id, kind: rec.kind, cluster: rec.cluster, expiresAt: rec.expiresAt, usesAllowed: rec.usesAllowed });
    return { token: formatJoinToken({ caHash: (await this.ca()).fingerprint, id: rec.id, secret }), joinToken: tokenInfo(rec) };
  }

  /**
   * Checks the token; with `count`, counts one use, comparing the record's revision (concurrent joins of a
   * last use admit one: the loser reads it again and finds it used up).
   */
  private async useToken(token: string, count: boolean): Promise<JoinTokenRecord> {
    const t = parseJoinToken(token);
    if (t.caHash !== (await this.ca()).fingerprint) throw refused('The join token is for another control plane (its CA fingerprint is not this cluster CA\'s).');
    for (;;) {
      const read = await getJoinToken(this.ctx.store, t.id);
      // Compared in constant time, against a stand-in when the id is unknown, so timing tells nothing.
      const want = read ? Buffer.from(read.value.secretHash, 'hex') : hashSecret(randomText(32));
      if (!timingSafeEqual(want, hashSecret(t.secret)) || !read) throw refused();
      const rec = read.value;
      if (rec.expiresAt <= this.ctx.now()) throw refused(`The join token ${rec.id} expired at ${new Date(rec.expiresAt * 1000).toISOString()}.`);
      if (rec.usesAllowed > 0 && rec.uses >= rec.usesAllowed) throw refused(`The join token ${rec.id} is used up (${rec.uses} of ${rec.usesAllowed} joins).`);
      if (!count || (await countJoinTokenUse(this.ctx.store, read, this.ctx.now()))) return rec;
    }
  }

  /** An agent's registration as the join gives it: checked against the model, its cluster the token's. */
  private async agentRegistration(rec: JoinTokenRecord, text: string | undefined): Promise<RegisterContainerInstanceRequest & { cluster: string }> {
    if (text === undefined) throw new BerthError('InvalidParameterException', 'An agent\'s join carries its registration.', 'registration');
    let reg: RegisterContainerInstanceRequest;
    try {
      reg = JSON.parse(text) as RegisterContainerInstanceRequest;
    } catch {
      throw new BerthError('InvalidParameterException', 'The registration is not JSON.', 'registration');
    }
    checkShape('RegisterContainerInstanceRequest', reg, 'registration', ECS_API.shapes);
    const cluster = reg.cluster ?? rec.cluster ?? 'default';
    if (rec.cluster !== undefined && cluster !== rec.cluster) throw refused(`The join token ${rec.id} admits machines into cluster ${rec.cluster} only, not ${cluster}.`);
    // amazon-ecs-agent joins `default`, creating it if it is missing; a named cluster must exist.
    if (cluster === 'default') await createCluster(this.ctx, { clusterName: 'default' });
    else await activeCluster(this.ctx, cluster);
    // A join is always a new instance: a wiped ECS_DATADIR joins again with a new token.
    const { containerInstanceArn: _ignored, ...fresh } = reg;
    return { ...fresh, cluster };
  }

  private async join(req: { token: string; publicKey: string; registration?: string; clientTime?: number }, call: CallContext) {
    if (!this.limiter.take(peerHost(call.peer))) throw new BerthError('LimitExceededException', 'Too many join attempts from this address; retry later.');
    if (req.clientTime !== undefined && Math.abs(req.clientTime - this.ctx.now()) > MAX_CLOCK_SKEW_SECONDS) {
      throw new BerthError('ClientException', clockSkewMessage(req.clientTime, this.ctx.now()), 'clientTime');
    }
    // Everything that can refuse the join is checked before a use is counted.
    this.checkKey(req.publicKey);
    const checked = await this.useToken(req.token, false);
    const registration = checked.kind === 'agent' ? await this.agentRegistration(checked, req.registration) : undefined;
    const rec = await this.useToken(req.token, true);
    let who: CertificateIdentity;
    let cluster: string;
    if (registration) {
      const res = await registerContainerInstance(this.ctx, registration);
      cluster = registration.cluster;
      who = { kind: 'agent', containerInstanceArn: res.containerInstance!.containerInstanceArn! };
    } else {
      cluster = rec.cluster ?? 'default';
      who = { kind: rec.kind as Exclude<JoinKind, 'agent'>, cluster, id: randomText(12, 'abcdefghijklmnopqrstuvwxyz0123456789') };
    }
    const cert = await this.issue(who, req.publicKey);
    if (who.kind !== 'agent') await this.record(who, cert, [certificateAt(cert.serial, 0)]);
    this.ctx.log.info('machine joined', { token: rec.id, kind: rec.kind, cluster, ...(who.kind === 'agent' ? { containerInstanceArn: who.containerInstanceArn } : { id: who.id }) });
    return {
      certificate: cert.certPem, caCertificate: (await this.ca()).certPem, cluster, kind: rec.kind, notAfter: cert.notAfter,
      ...(who.kind === 'agent' ? { containerInstanceArn: who.containerInstanceArn } : {}),
    };
  }

  /** A new certificate, same identity, for a new key: the caller is the machine itself (its current certificate). */
  private async renew(req: { publicKey: string }, call: CallContext) {
    const c = call.caller;
    if (c.kind === 'container-instance') {
      const cert = await this.issue({ kind: 'agent', containerInstanceArn: c.containerInstanceArn }, req.publicKey);
      return { certificate: cert.certPem, notAfter: cert.notAfter };
    }
    if (c.kind !== 'component') throw new BerthError('AccessDeniedException', 'Only a machine that joined renews its certificate, with that certificate.');
    // The new certificate's record is written only if the one renewing is as it was authorized (a
    // revocation meanwhile is not escaped by renewing).
    const current = await getCertificate(this.ctx.store, c.serial);
    if (!current || current.value.revokedAt !== undefined) throw revokedCertificate(c.serial);
    const cert = await this.issue({ kind: c.component, cluster: c.cluster, id: c.id }, req.publicKey);
    await this.record({ kind: c.component, cluster: c.cluster, id: c.id }, cert, [certificateAt(c.serial, current.modRevision), certificateAt(cert.serial, 0)]);
    return { certificate: cert.certPem, notAfter: cert.notAfter };
  }

  /**
   * A component certificate's record, written when `compare` holds (else refused as revoked meanwhile);
   * the records of certificates past their not-after go in the same write (TLS refuses those anyway), so
   * the records are the live certificates.
   */
  private async record(who: Exclude<CertificateIdentity, { kind: 'agent' }>, cert: { serial: string; notAfter: number }, compare: Compare[]): Promise<void> {
    const now = this.ctx.now();
    const rec: CertificateRecord = { serial: cert.serial, kind: who.kind, cluster: who.cluster, id: who.id, issuedAt: Math.floor(now), notAfter: cert.notAfter };
    const expired = (await listCertificates(this.ctx.store)).filter((r) => r.value.notAfter < now).slice(0, 100).map((r) => deleteCertificateOp(r.value.serial));
    const res = await this.ctx.store.txn({ compare, success: [putCertificateOp(rec), ...expired] });
    if (!res.succeeded) throw new BerthError('AccessDeniedException', 'The certificate was revoked while it was being renewed.');
  }

  /**
   * Revokes the certificate with this serial and the machine's other certificates (its renewals, before
   * and after): each record marked, comparing what was read. Answers the certificates revoked now.
   */
  private async revoke(serialText: string) {
    const serial = certificateSerial(serialText.replace(/:/g, ''));
    const named = await getCertificate(this.ctx.store, serial);
    if (!named) throw new BerthError('ResourceNotFoundException', `No certificate with serial ${serialText} was issued to a machine other than an agent (an agent's certificate is revoked by deregistering its container instance).`, 'serial');
    const m = named.value;
    const revoked = await commitWithRetry(this.ctx.store, async () => {
      const now = Math.floor(this.ctx.now());
      const same = (await listCertificates(this.ctx.store)).filter((r) => r.value.kind === m.kind && r.value.cluster === m.cluster && r.value.id === m.id && r.value.revokedAt === undefined);
      const recs = same.map((r) => ({ ...r.value, revokedAt: now }));
      return { txn: { compare: same.map((r) => certificateAt(r.value.serial, r.modRevision)), success: recs.map(putCertificateOp) }, result: recs };
    });
    this.ctx.log.info('certificates revoked', { kind: m.kind, cluster: m.cluster, id: m.id, serials: revoked.map((r) => r.serial) });
    return { certificates: revoked };
  }

  private checkKey(publicKeyPem: string): void {
    try {
      checkPublicKey(publicKeyPem);
    } catch (e) {
      throw new BerthError('InvalidParameterException', `The public key is not usable: ${(e as Error).message}.`, 'publicKey');
    }
  }

  /** A certificate for the key, its serial as records name it. */
  private async issue(who: CertificateIdentity, publicKeyPem: string) {
    this.checkKey(publicKeyPem);
    const cert = await issueClientCertificate(await this.ca(), who, publicKeyPem, this.lifetimeMs, this.ctx.now() * 1000);
    return { ...cert, serial: certificateSerial(cert.serial) };
  }

  /** In-memory entries (memory footprint): the rate limiter's buckets. */
  get size(): number {
    return this.limiter.size;
  }
}
