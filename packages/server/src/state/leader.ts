// Leadership of the controllers: the leader key (held on the leader's lease; its modRevision is the term
// every controller write compares), one record per term (`leader-terms/REVISION`, written in the
// transaction that won it), and the stamp every controller write puts beside its changes.
import { ROOT } from './kit.js';

export const LEADER_KEY = ROOT + 'leader';
export const LEADER_TERMS_PREFIX = ROOT + 'leader-terms/';
export const leaderTermKey = (revision: number) => `${LEADER_TERMS_PREFIX}${String(revision).padStart(20, '0')}`;
/** Put by every controller write beside its changes, with the writer's term (outside the leader key's prefix, which replicas watch). */
export const LEADER_WRITE_KEY = ROOT + 'controller-write';

export interface LeaderTerm {
  /** The leader key's modRevision: this term's fence. */
  revision: number;
  holder: string;
  /** Epoch seconds when the term began (informational). */
  since: number;
}

/** What every controller write of a term puts beside its own changes (the store's record of who wrote). */
export interface LeaderWriteStamp {
  term: number;
  holder: string;
}
