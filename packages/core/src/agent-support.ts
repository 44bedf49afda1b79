// What the agent applies of a task definition: one entry for every member of TaskDefinition and of every
// shape reachable from it (the test walks the model against this table, so a new model member cannot slip
// through), and one per log driver. RunTask, StartTask, CreateService and UpdateService refuse a definition
// that uses anything refused here (checkRunnable, run-checks.ts), naming the member; RegisterTaskDefinition
// keeps everything as given. The agent advertises the capabilities of what it applies (agentCapabilities,
// registered by registration.ts) and refuses the other log drivers itself. Lifting an entry is changing its line to
// 'applied'. PURE.
import type { LogDriver } from './model/types.js';

/** Why a member is refused: what follows "..., which Berth does not support: ". */
export interface Refusal {
  refused: string;
}

/**
 * applied: the agent (or placement) acts on it. registered: set by RegisterTaskDefinition, nothing to act
 * on. inert: has no effect of its own, only through members refused on their own (the reason says which).
 * A Refusal, or a function refusing some values only.
 */
export type Support = 'applied' | 'registered' | { inert: string } | Refusal | ((value: unknown) => Refusal | undefined);

const refused = (why: string): Refusal => ({ refused: why });
const refusedWhen = (test: (v: unknown) => boolean, why: string) => (v: unknown): Refusal | undefined => (test(v) ? refused(why) : undefined);

/** The log drivers, by ECS's names (the LogDriver enum): applied ones go to Docker as they are. */
export const LOG_DRIVER_SUPPORT: Record<LogDriver, 'applied' | Refusal> = {
  'json-file': 'applied',
  syslog: 'applied',
  journald: 'applied',
  gelf: 'applied',
  fluentd: 'applied',
  splunk: 'applied',
  // Docker's own driver, pointed at Berth's CloudWatch Logs with the execution role's credentials (the agent's credentials endpoint).
  awslogs: 'applied',
  // Docker's fluentd driver into the task's berth-log-router (firelens.ts), synchronous and acknowledged.
  awsfirelens: 'applied',
};

/** The log drivers the agent applies, in the table's order. */
export const APPLIED_LOG_DRIVERS = (Object.keys(LOG_DRIVER_SUPPORT) as LogDriver[]).filter((d) => LOG_DRIVER_SUPPORT[d] === 'applied');

/** The refusal for a log driver, or undefined when the agent applies it (an unknown name is refused too). */
export function logDriverRefusal(driver: unknown): Refusal | undefined {
  const s = Object.hasOwn(LOG_DRIVER_SUPPORT, String(driver)) ? LOG_DRIVER_SUPPORT[driver as LogDriver] : refused('it is not one of ECS\'s log drivers.');
  return s === 'applied' ? undefined : s;
}

/** docker-remote-api capability attributes from 1.17 up to the engine's API version, as ECS lists them. */
export function dockerApiCapabilities(apiVersion: string): string[] {
  const [maj, min] = apiVersion.split('.').map(Number);
  if (maj !== 1 || !Number.isInteger(min)) return [];
  const out: string[] = [];
  for (let v = 17; v <= Math.min(min!, 44); v++) out.push(`com.amazonaws.ecs.capability.docker-remote-api.1.${v}`);
  return out;
}

/**
 * The capability attributes a Berth agent advertises, by ECS's names (amazon-ecs-agent's
 * agent_capability.go): what it applies, so that placement puts a task only where its requiresAttributes
 * are: privileged containers, Docker's remote API versions, the log drivers applied above, task cpu/memory
 * limits, dependsOn and start/stop timeouts (container-ordering), health checks, restart policies, Docker
 * volumes with the local driver, pidMode/ipcMode, secrets from Secrets Manager and Parameter Store into
 * environment variables and log driver options; task role credentials (task-iam-role, and
 * task-iam-role-network-host for host mode) and the awslogs driver with the execution role's credentials
 * (logging-driver.awslogs, execution-role-awslogs) where the agent serves its credentials endpoint
 * (`credentialsEndpoint`); FireLens with berth-log-router as the router of either type (firelens.fluentbit,
 * firelens.fluentd; the awsfirelens driver above). Never what is refused here or what the agent cannot do:
 * ecr-auth, execution-role-ecr-pull, env-files.s3, firelens.options.config.*, efs, task-eni, aws-appmesh,
 * network.container-port-range.
 */
export function agentCapabilities(dockerApiVersion: string, opts: { credentialsEndpoint?: boolean } = {}): string[] {
  return [
    'com.amazonaws.ecs.capability.privileged-container',
    ...dockerApiCapabilities(dockerApiVersion),
    // awslogs takes the execution role's credentials from the agent's credentials endpoint.
    ...APPLIED_LOG_DRIVERS.filter((d) => d !== 'awslogs' || opts.credentialsEndpoint).map((d) => `com.amazonaws.ecs.capability.logging-driver.${d}`),
    'ecs.capability.task-cpu-mem-limit',
    'ecs.capability.container-ordering',
    'ecs.capability.container-health-check',
    'ecs.capability.container-restart-policy',
    'ecs.capability.docker-plugin.local',
    'ecs.capability.pid-ipc-namespace-sharing',
    'ecs.capability.secrets.asm.environment-variables',
    'ecs.capability.secrets.ssm.environment-variables',
    'ecs.capability.secrets.asm.bootstrap.log-driver',
    'ecs.capability.secrets.ssm.bootstrap.log-driver',
    'ecs.capability.firelens.fluentbit',
    'ecs.capability.firelens.fluentd',
    ...(opts.credentialsEndpoint
      ? ['com.amazonaws.ecs.capability.task-iam-role', 'com.amazonaws.ecs.capability.task-iam-role-network-host', 'ecs.capability.execution-role-awslogs']
      : []),
  ];
}

/** Every member of TaskDefinition and TaskOverride and the shapes reachable from them, by shape name. */
export const TASK_DEFINITION_SUPPORT: Record<string, Record<string, Support>> = {
  TaskDefinition: {
    taskDefinitionArn: 'registered',
    containerDefinitions: 'applied',
    family: 'applied',
    taskRoleArn: 'applied',
    executionRoleArn: 'applied',
    networkMode: refusedWhen((v) => v === 'awsvpc', 'each awsvpc task needs an elastic network interface of its own; use bridge, host or none.'),
    revision: 'registered',
    volumes: 'applied',
    status: 'registered',
    requiresAttributes: 'applied',
    placementConstraints: 'applied',
    compatibilities: 'registered',
    runtimePlatform: 'applied',
    requiresCompatibilities: 'applied',
    cpu: 'applied',
    memory: 'applied',
    inferenceAccelerators: refused('there are no Elastic Inference accelerators.'),
    pidMode: 'applied',
    ipcMode: 'applied',
    proxyConfiguration: refused('there are no App Mesh proxies.'),
    registeredAt: 'registered',
    deregisteredAt: 'registered',
    deleteRequestedAt: 'registered',
    registeredBy: 'registered',
    ephemeralStorage: refused('ephemeral storage applies to Fargate tasks only.'),
    enableFaultInjection: refusedWhen((v) => v === true, 'there are no fault injection endpoints.'),
  },
  ContainerDefinition: {
    name: 'applied',
    image: 'applied',
    repositoryCredentials: refused('the agent does not pull with registry credentials from Secrets Manager; log the host\'s Docker in to the registry instead.'),
    cpu: 'applied',
    memory: 'applied',
    memoryReservation: 'applied',
    links: 'applied',
    portMappings: 'applied',
    essential: 'applied',
    restartPolicy: 'applied',
    entryPoint: 'applied',
    command: 'applied',
    environment: 'applied',
    environmentFiles: refused('environment files would come from Amazon S3; use environment instead.'),
    mountPoints: 'applied',
    volumesFrom: 'applied',
    linuxParameters: 'applied',
    secrets: 'applied',
    dependsOn: 'applied',
    startTimeout: 'applied',
    stopTimeout: 'applied',
    versionConsistency: refusedWhen((v) => v === 'enabled', 'image tags are not resolved to digests; set versionConsistency to disabled or leave it out.'),
    hostname: 'applied',
    user: 'applied',
    workingDirectory: 'applied',
    disableNetworking: 'applied',
    privileged: 'applied',
    readonlyRootFilesystem: 'applied',
    dnsServers: 'applied',
    dnsSearchDomains: 'applied',
    extraHosts: 'applied',
    dockerSecurityOptions: 'applied',
    interactive: 'applied',
    pseudoTerminal: 'applied',
    dockerLabels: 'applied',
    ulimits: 'applied',
    logConfiguration: 'applied',
    healthCheck: 'applied',
    systemControls: 'applied',
    resourceRequirements: refused('GPUs and inference accelerators are not scheduled.'),
    firelensConfiguration: 'applied',
    credentialSpecs: refused('containers are not joined to Active Directory (gMSA).'),
  },
  PortMapping: {
    containerPort: 'applied',
    hostPort: 'applied',
    protocol: 'applied',
    name: { inert: 'only Service Connect reads port names, and serviceConnectConfiguration is refused' },
    appProtocol: { inert: 'only Service Connect reads the application protocol, and serviceConnectConfiguration is refused' },
    containerPortRange: refused('only single container ports are mapped; list each port in portMappings.'),
  },
  ContainerRestartPolicy: { enabled: 'applied', ignoredExitCodes: 'applied', restartAttemptPeriod: 'applied' },
  KeyValuePair: { name: 'applied', value: 'applied' },
  MountPoint: { sourceVolume: 'applied', containerPath: 'applied', readOnly: 'applied' },
  VolumeFrom: { sourceContainer: 'applied', readOnly: 'applied' },
  LinuxParameters: {
    capabilities: 'applied', devices: 'applied', initProcessEnabled: 'applied', sharedMemorySize: 'applied', tmpfs: 'applied',
    maxSwap: 'applied', swappiness: 'applied',
  },
  KernelCapabilities: { add: 'applied', drop: 'applied' },
  Device: { hostPath: 'applied', containerPath: 'applied', permissions: 'applied' },
  Tmpfs: { containerPath: 'applied', size: 'applied', mountOptions: 'applied' },
  ContainerDependency: { containerName: 'applied', condition: 'applied' },
  HostEntry: { hostname: 'applied', ipAddress: 'applied' },
  Ulimit: { name: 'applied', softLimit: 'applied', hardLimit: 'applied' },
  LogConfiguration: {
    logDriver: logDriverRefusal,
    options: 'applied',
    secretOptions: 'applied',
  },
  HealthCheck: { command: 'applied', interval: 'applied', timeout: 'applied', retries: 'applied', startPeriod: 'applied' },
  SystemControl: { namespace: 'applied', value: 'applied' },
  Volume: {
    name: 'applied',
    host: 'applied',
    dockerVolumeConfiguration: 'applied',
    efsVolumeConfiguration: refused('Amazon EFS file systems are not mounted; use a host or Docker volume.'),
    s3filesVolumeConfiguration: refused('Amazon S3 file systems are not mounted; use a host or Docker volume.'),
    fsxWindowsFileServerVolumeConfiguration: refused('FSx for Windows File Server volumes need Windows container instances, and Berth runs Linux only.'),
    configuredAtLaunch: refusedWhen((v) => v === true, 'Amazon EBS volumes are not attached at launch; use a host or Docker volume.'),
  },
  HostVolumeProperties: { sourcePath: 'applied' },
  DockerVolumeConfiguration: { scope: 'applied', autoprovision: 'applied', driver: 'applied', driverOpts: 'applied', labels: 'applied' },
  Attribute: { name: 'applied', value: 'applied', targetType: 'applied', targetId: 'applied' },
  TaskDefinitionPlacementConstraint: { type: 'applied', expression: 'applied' },
  RuntimePlatform: {
    cpuArchitecture: 'applied',
    operatingSystemFamily: refusedWhen((v) => v !== 'LINUX', 'Berth runs Linux container instances only.'),
  },
  // RunTask's and StartTask's overrides (TaskOverride and what it reaches): the agent applies them over the
  // definition (effectiveContainer), so they answer to the same table.
  TaskOverride: {
    containerOverrides: 'applied',
    cpu: 'applied',
    memory: 'applied',
    inferenceAcceleratorOverrides: refused('there are no Elastic Inference accelerators.'),
    executionRoleArn: 'applied',
    taskRoleArn: 'applied',
    ephemeralStorage: refused('ephemeral storage applies to Fargate tasks only.'),
  },
  ContainerOverride: {
    name: 'applied',
    command: 'applied',
    environment: 'applied',
    environmentFiles: refused('environment files would come from Amazon S3; use environment instead.'),
    cpu: 'applied',
    memory: 'applied',
    memoryReservation: 'applied',
    resourceRequirements: refused('GPUs and inference accelerators are not scheduled.'),
  },
  InferenceAcceleratorOverride: { deviceName: 'applied', deviceType: 'applied' },
  // Below: the shapes of refused members, applied as part of their member once it is lifted.
  RepositoryCredentials: { credentialsParameter: 'applied' },
  EnvironmentFile: { value: 'applied', type: 'applied' },
  Secret: { name: 'applied', valueFrom: 'applied' },
  ResourceRequirement: { value: 'applied', type: 'applied' },
  FirelensConfiguration: { type: 'applied', options: 'applied' },
  InferenceAccelerator: { deviceName: 'applied', deviceType: 'applied' },
  ProxyConfiguration: { type: 'applied', containerName: 'applied', properties: 'applied' },
  EphemeralStorage: { sizeInGiB: 'applied' },
  EFSVolumeConfiguration: { fileSystemId: 'applied', rootDirectory: 'applied', transitEncryption: 'applied', transitEncryptionPort: 'applied', authorizationConfig: 'applied' },
  EFSAuthorizationConfig: { accessPointId: 'applied', iam: 'applied' },
  S3FilesVolumeConfiguration: { fileSystemArn: 'applied', rootDirectory: 'applied', transitEncryptionPort: 'applied', accessPointArn: 'applied' },
  FSxWindowsFileServerVolumeConfiguration: { fileSystemId: 'applied', rootDirectory: 'applied', authorizationConfig: 'applied' },
  FSxWindowsFileServerAuthorizationConfig: { credentialsParameter: 'applied', domain: 'applied' },
};

/** The refusal of one member's value (undefined: the agent applies it, or it needs nothing). */
export function memberRefusal(support: Support | undefined, value: unknown): Refusal | undefined {
  if (support === undefined) return refused('it is not a member Berth knows.');
  if (typeof support === 'function') return support(value);
  return typeof support === 'object' && 'refused' in support ? support : undefined;
}
