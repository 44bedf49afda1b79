// The fleet's pure pieces: join tokens (k3s's format: `K10<CA hash>::<id>.<secret>`, so a new machine
// learns which control plane to trust from the token alone), the kinds of machine a token admits, and the
// identity a client certificate carries (one URI in its subjectAltName, read back by the gRPC listener).
import { BerthError } from './errors.js';

/** What a join token admits, each limited to what it does (an agent polls and reports, nothing else). */
export const JOIN_KINDS = ['agent', 'lb', 'log-router', 'exporter'] as const;
export type JoinKind = (typeof JOIN_KINDS)[number];

export interface ParsedJoinToken {
  /** The cluster CA's certificate fingerprint: SHA-256 of its DER, lowercase hex. */
  caHash: string;
  id: string;
  secret: string;
}

const TOKEN = /^K10([0-9a-f]{64})::([a-z0-9]{6,32})\.([A-Za-z0-9]{16,128})$/;

export function formatJoinToken(t: ParsedJoinToken): string {
  return `K10${t.caHash}::${t.id}.${t.secret}`;
}

/** Parses a token; refuses one that is not a Berth join token without echoing it (it holds a secret). */
export function parseJoinToken(token: string): ParsedJoinToken {
  const m = TOKEN.exec(token.trim());
  if (!m) throw new BerthError('InvalidParameterException', 'The join token is malformed: expected K10<CA hash>::<id>.<secret>, as berth create join-token prints it.');
  return { caHash: m[1]!, id: m[2]!, secret: m[3]! };
}

/** The caller a client certificate names: a container instance (an agent) or another component. */
export type CertificateIdentity =
  | { kind: 'agent'; containerInstanceArn: string }
  | { kind: Exclude<JoinKind, 'agent'>; cluster: string; id: string };

const URI_PREFIX = 'urn:berth:';

/** The subjectAltName URI of a client certificate. */
export function certificateUri(who: CertificateIdentity): string {
  return who.kind === 'agent' ? `${URI_PREFIX}agent:${who.containerInstanceArn}` : `${URI_PREFIX}${who.kind}:${who.cluster}/${who.id}`;
}

/**
 * A certificate's serial number as Berth names it (a component's revocation record, `berth revoke
 * certificate`): lowercase hex without leading zeros, however the reader spelled it (Node's peer
 * certificate: uppercase).
 */
export function certificateSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, '');
}

/** Reads the identity back from a certificate's subjectAltName (Node's `URI:...` list); undefined if none. */
export function identityFromSubjectAltName(subjectAltName: string | undefined): CertificateIdentity | undefined {
  for (const entry of (subjectAltName ?? '').split(/,\s*/)) {
    if (!entry.startsWith(`URI:${URI_PREFIX}`)) continue;
    const rest = entry.slice(`URI:${URI_PREFIX}`.length);
    const colon = rest.indexOf(':');
    const kind = rest.slice(0, colon) as JoinKind;
    const value = rest.slice(colon + 1);
    if (kind === 'agent' && value.startsWith('arn:')) return { kind, containerInstanceArn: value };
    const slash = value.indexOf('/');
    if (kind !== 'agent' && (JOIN_KINDS as readonly string[]).includes(kind) && slash > 0) return { kind, cluster: value.slice(0, slash), id: value.slice(slash + 1) };
  }
  return undefined;
}

/**
 * How far a machine's clock may be from the control plane's before a join is refused as clock skew:
 * certificates start a day back, so anything within a day still verifies.
 */
export const MAX_CLOCK_SKEW_SECONDS = 24 * 3600;

/** The clock-skew refusal, one wording for the server and the agent. */
export function clockSkewMessage(agentSeconds: number, serverSeconds: number): string {
  const off = Math.round(agentSeconds - serverSeconds);
  return `clock skew: this machine's clock is ${Math.abs(off)} s ${off > 0 ? 'ahead of' : 'behind'} the control plane's; certificates would not verify. Set the clock (NTP) — the agent keeps retrying.`;
}
