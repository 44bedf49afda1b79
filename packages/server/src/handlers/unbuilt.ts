// Why a request member names a feature Berth has not built: what is missing and what to use instead. The
// handlers refuse such members with UnsupportedFeatureException in core's one wording ("The request uses X,
// which Berth does not support: <why>"); what a task definition uses is core's agent-support.ts table.
export const CAPACITY_PROVIDERS = 'task sets are not placed through capacity provider strategies yet (RunTask and REPLICA services are); use launchType EC2 or EXTERNAL.';
export const OWN_INSTANCES_ONLY = 'Berth runs EC2 and EXTERNAL tasks on its own container instances.';
export const FARGATE_ONLY = 'it applies to Fargate, and Berth runs tasks on its own container instances only.';
export const EBS_VOLUMES = 'there are no Amazon EBS volumes configured at launch; use host or Docker volumes.';
export const AWSVPC = 'there are no per-task network interfaces (awsvpc); use bridge or host network mode.';
export const LOAD_BALANCERS = 'a service registers with the load balancers it was created with; task sets and changes of them are not built yet.';
export const SERVICE_DISCOVERY = 'there is no AWS Cloud Map service discovery.';
export const SERVICE_CONNECT = 'there is no Service Connect proxy.';
export const VPC_LATTICE = 'there is no VPC Lattice.';
export const ROLLING_ONLY = 'Berth deploys services with the ECS deployment controller (ROLLING, or BLUE_GREEN, LINEAR and CANARY behind a load balancer).';
export const TRAFFIC_SHIFTING = 'Berth deploys REPLICA services with ROLLING, BLUE_GREEN, LINEAR or CANARY (the last three behind a load balancer with an advancedConfiguration), DAEMON services with ROLLING.';
