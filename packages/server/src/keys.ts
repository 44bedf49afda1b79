// The store's key layout. Everything lives under /berth/v1/; numbers that must sort are zero-padded.
// Later parts (instances, tasks, services) add their prefixes here so the layout stays on one page.
export const ROOT = '/berth/v1/';
export const SCHEMA_KEY = ROOT + 'schema';
export const SCHEMA_VERSION = 1;
/** Region and account id used in ARNs: chosen at first start, then kept. */
export const IDENTITY_KEY = ROOT + 'identity';

export const clusterKey = (name: string) => `${ROOT}clusters/${name}`;
export const CLUSTERS_PREFIX = ROOT + 'clusters/';

/** Per family: the last revision handed out (never reused) and counts for the family filters. */
export const familyKey = (family: string) => `${ROOT}taskdef-families/${family}`;
export const FAMILIES_PREFIX = ROOT + 'taskdef-families/';
export const revisionKey = (family: string, revision: number) => `${ROOT}taskdefs/${family}/${String(revision).padStart(10, '0')}`;
export const revisionsPrefix = (family: string) => `${ROOT}taskdefs/${family}/`;
export const REVISIONS_PREFIX = ROOT + 'taskdefs/';

// Cluster members (written by the agent, tasks and services parts): DeleteCluster checks them.
export const instancesPrefix = (cluster: string) => `${ROOT}instances/${cluster}/`;
export const tasksPrefix = (cluster: string) => `${ROOT}tasks/${cluster}/`;
export const servicesPrefix = (cluster: string) => `${ROOT}services/${cluster}/`;

// Container instances, tasks and the agent sessions (node-agent part).
export const instanceKey = (cluster: string, id: string) => `${ROOT}instances/${cluster}/${id}`;
export const taskKey = (cluster: string, id: string) => `${ROOT}tasks/${cluster}/${id}`;
/** One pointer per task placed on an instance: the agent's session watches its instance's prefix. */
export const assignmentKey = (instanceId: string, taskId: string) => `${ROOT}assignments/${instanceId}/${taskId}`;
export const assignmentsPrefix = (instanceId: string) => `${ROOT}assignments/${instanceId}/`;
/** Exists while an agent session holds its lease: agentConnected, on any replica. */
export const sessionKey = (instanceId: string) => `${ROOT}sessions/${instanceId}`;
/** RunTask clientToken -> the tasks it created (idempotency is store data). */
export const clientTokenKey = (cluster: string, token: string) => `${ROOT}client-tokens/${cluster}/${Buffer.from(token).toString('base64url')}`;

/** Access keys for SigV4 on the ECS JSON endpoint; the secret inside is encrypted with the secrets key. */
export const accessKeyKey = (id: string) => `${ROOT}access-keys/${id}`;
export const ACCESS_KEYS_PREFIX = ROOT + 'access-keys/';
/**
 * ECS events (EventBridge envelopes), one key each, written in the transaction of the change they tell:
 * by cluster, then the control plane's time in ms (so retention reads the oldest first), then a random
 * suffix. Streams order them by the store revision that created them (events/stream.ts).
 */
export const EVENTS_ROOT = ROOT + 'events/';
export const eventsPrefix = (cluster: string) => `${EVENTS_ROOT}${cluster}/`;
/** Per cluster: the newest store revision of an event retention deleted (an older cursor missed it). */
export const eventsDeletedKey = (cluster: string) => `${ROOT}events-deleted/${cluster}`;
export const EVENTS_DELETED_ROOT = ROOT + 'events-deleted/';

/** The controllers' leader: one key held with a lease; its modRevision is the term every controller write compares. */
export const LEADER_KEY = ROOT + 'leader';
/** One record per leadership term, written in the transaction that won it: the store's record of who led when. */
export const leaderTermKey = (revisionPadded: string) => `${ROOT}leader-terms/${revisionPadded}`;
export const LEADER_TERMS_PREFIX = ROOT + 'leader-terms/';
/** Put by every controller write beside its changes, with the writer's term (outside the leader key's prefix, which replicas watch). */
export const LEADER_WRITE_KEY = ROOT + 'controller-write';

/** A service: the ECS Service (deployments, events) and the scheduler's bookkeeping. */
export const serviceKey = (cluster: string, name: string) => `${ROOT}services/${cluster}/${name}`;
export const SERVICES_ROOT = ROOT + 'services/';
