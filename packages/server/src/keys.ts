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
/** A service: the ECS Service (deployments, events) and the scheduler's bookkeeping. */
export const serviceKey = (cluster: string, name: string) => `${ROOT}services/${cluster}/${name}`;
export const SERVICES_ROOT = ROOT + 'services/';
