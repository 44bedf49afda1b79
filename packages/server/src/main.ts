// berth-server: the control plane. Flags: --listen, --store, --region, --account-id, --log-level,
// --ecs-listen (the AWS listener), --metrics-listen, --log-store, --insecure, --bootstrap-config, --advertise, --ca-cert/--ca-key, --secrets-key, the join rates, the limits and the timing flags in USAGE.
import { readFileSync } from 'node:fs';
import { defaultStoreUrl } from '@berth/store';
import { parseGoDuration, parseUrlAllowList } from '@berth/core';
import { resolve } from 'node:path';
import { DEFAULT_GRPC_LIMITS, DEFAULT_LISTEN, DEFAULT_METRICS_LISTEN, startServer } from './server.js';
import { createLogger, parseFlags, parseLevel, readScrapeToken, DEFAULT_ADMISSION } from '@berth/api';
import { DEFAULT_AWS_LIMITS, DEFAULT_ECS_LISTEN } from './aws/listener.js';
import { DEFAULT_CONSOLE_LISTEN } from './console/listener.js';

const USAGE = `Usage: berth-server [flags]
  --listen HOST:PORT     gRPC address (default ${DEFAULT_LISTEN}; port 0 picks one)
  --store URL            file:PATH (default file:~/.berth/berth.db) or etcd://HOST:2379[,HOST:2379...]; a file
                         store (either kind) runs in a worker thread on two cores or more
                         ($BERTH_STORE_THREAD=worker|main)
  --log-store URL        CloudWatch Logs' store: file:PATH (default: NAME.logs beside a file state store; one
                         replica) or clickhouse://HOST:8123/DB (several replicas; an etcd state store has no default)
  --region NAME          region in ARNs, fixed at the store's first start (default us-east-1)
  --account-id DIGITS    12-digit account id in ARNs, fixed at first start (default 000000000000)
  --log-level LEVEL      debug | info | warn | error (default info)
  --ecs-listen HOST:PORT the AWS listener (ECS, STS, IAM access keys) for aws --endpoint-url and the AWS
                         SDKs (default ${DEFAULT_ECS_LISTEN}; port 0 picks one; "off" does not serve it)
  --metrics-listen HOST:PORT  Prometheus /metrics and the agents' service discovery (/prometheus/sd)
                         (default $BERTH_METRICS_ADDR, else ${DEFAULT_METRICS_LISTEN}; "off" does not serve it)
  --console-listen HOST:PORT  the web console (default ${DEFAULT_CONSOLE_LISTEN}; "off" does not serve it): plain
                         HTTP on loopback, HTTPS with this replica's certificate from the cluster CA elsewhere
  --console-session DUR  a console sign-in lasts this long (default 12h)
  --metrics-token-file FILE  scrapes must send this token (Authorization: Bearer); required when the
                         metrics listener is beyond loopback
  --ecs-advertise URL    the URL tasks reach the AWS listener at: their AWS_ENDPOINT_URL, beside their role
                         credentials (default: http(s)://HOST:PORT of --ecs-listen; for a wildcard address
                         the first --advertise name, else the host name)
  --task-credentials-lifetime DUR  how long a task's role credentials last (default 6h, as ECS's); agents
                         ask for new ones past half of it
  --install-dir DIR      serve install.sh and the packages in DIR to new machines on the AWS listener
                         (GET /install.sh; the berth-server package's /usr/share/berth/install)
  --ecs-tls              serve the AWS listener over HTTPS with this replica's certificate from the cluster
                         CA (clients trust the CA: aws --ca-bundle FILE); default plain HTTP, signed
  --aws-max-connections N      open connections the AWS listener accepts (default ${DEFAULT_AWS_LIMITS.maxConnections})
  --aws-request-timeout DUR    a client must send its whole request within this (default ${DEFAULT_AWS_LIMITS.requestTimeoutMs / 1000}s)
  --grpc-max-message BYTES     largest gRPC message a client may send (default ${DEFAULT_GRPC_LIMITS.maxReceiveMessageBytes})
  --grpc-max-streams N         concurrent gRPC streams per connection (default ${DEFAULT_GRPC_LIMITS.maxConcurrentStreams})
  --max-mutating-calls N       mutating API calls (RunTask, StopTask, Create*, ...) worked on at once, on
                               every transport (default ${DEFAULT_ADMISSION.maxMutatingInFlight})
  --max-read-calls N           read-only API calls (Describe*, List*, Get*, ...) worked on at once, apart
                               from the mutating ones (default ${DEFAULT_ADMISSION.maxReadInFlight})
  --max-queued-calls N         calls of each of the two waiting for a turn, each at most --max-call-wait
                               (default ${DEFAULT_ADMISSION.maxQueued}); past either the server answers
                               ThrottlingException (gRPC RESOURCE_EXHAUSTED)
  --max-call-wait DUR          (default ${DEFAULT_ADMISSION.maxWaitMs}ms)
  --max-call-lag DUR           read-only API calls arriving while the event loop runs later than this are
                               refused the same way, mutating ones when their own calls at once are all
                               taken (default ${DEFAULT_ADMISSION.maxLagMs}ms); agents' calls never are
  --max-call-age DUR           signed API calls that a server with calls arriving reads, or would start
                               working on, this long after their caller signed them are refused too, as
                               are calls whose gRPC deadline has passed (default ${DEFAULT_ADMISSION.maxAgeMs / 1000}s)
  --bootstrap-config FILE  on the first start (no access key in the store yet), create the admin's
                         access key and write a CLI config with it, this server's address and the
                         cluster CA to FILE (0600; never overwritten): e.g. ~/.berth/config.yaml
  --insecure             DEVELOPMENT ONLY: no TLS and no authentication on gRPC and the AWS listener,
                         which then listen on loopback only (any other address is refused). Without it
                         gRPC is TLS from the cluster CA, users sign calls with an access key, machines
                         join with a token (berth create join-token) and present their certificate
  --advertise HOST[,HOST]  names and addresses clients reach this replica by, in its certificate
                         (default: the listen address, the host name, localhost, 127.0.0.1)
  --ca-cert FILE, --ca-key FILE  use this CA (PEM) as the cluster CA instead of creating one
  --cert-lifetime DUR    lifetime of the certificates joined machines get (default 720h); they renew
                         at two thirds of it
  --join-rate N          joins accepted per second from all machines together, in bursts of up to 5×N
                         (default 10); past it a join is refused (LimitExceededException) and the
                         machine retries later
  --join-rate-per-source N     the same from any one source address (default 1, bursts of 5)
  --secrets-key FILE     key that encrypts secrets in the store, created if missing (default: next to a
                         file store, else ~/.berth/secrets.key); every replica needs the same file
  --audit-log FILE       write every call that may change something (caller, action, resources, result,
                         source address; never a secret) to FILE as JSON lines (default: the log)
  --audit-log-max-size MB      rotate the audit log past this size (default 100)
  --audit-log-max-files N      rotated audit logs kept (default 5)
  --task-retention DUR   how long STOPPED tasks stay describable (default 1h)
  --event-retention DUR  how long ECS events stay in the store for WatchEvents / berth events (default 1h;
                         instance events' attribute sets are put once per such window)
  --aws-minute DUR       how long a minute of AWS's APIs lasts here: CloudWatch's metric period, alarm
                         periods, scaling cooldowns, deployment bake times, task protection expiry
                         (default 1m; tests shorten it)
  --metric-retention DUR how long CloudWatch datapoints are kept (default 24h)
  --provisioning-timeout DUR  how long a task may wait PROVISIONING for its capacity provider's machines
                         before it is stopped (default 30m)
  --scale-hooks-dir DIR  scale hooks without a URL run the executable NAME in DIR, the request as JSON on
                         stdin (default: none can run)
  --hook-url-allow PREFIX[,PREFIX]  URLs scale hooks and deployment hooks may POST to (default: none)
  --prometheus-url URL   Prometheus (http://HOST:PORT) where a metric-math Expression in an alarm's or a
                         target-tracking policy's Metrics is evaluated as PromQL (default: none, and
                         such an Expression is refused)
  --agent-heartbeat DUR  heartbeat period agents are told to keep (default 10s)
  --session-ttl DUR      an agent whose server vanished shows disconnected after this (default 30s)
  --agent-stall DUR      a session whose agent takes nothing the server sends for this long is closed,
                         and the agent reconnects (default: three heartbeat periods)
  --event-buffer N       events one WatchEvents client may fall behind by before it is told to watch
                         again from its cursor (default 10000)
  --service-settle-time DUR    a service task without health checks counts healthy after RUNNING this long (default 40s)
  --service-throttle-base DUR  first delay after a service task fails to start, doubling per failure (default 10s)
  --service-throttle-max DUR   longest such delay (default 15m)
  --service-resync DUR         every service is reconciled at least this often (default 1m)
  --service-retention DUR      a deleted (INACTIVE) service stays describable this long (default 1h)
  --leader-ttl DUR       replicas on one etcd elect one to run the controllers; a dead leader is
                         replaced within about this (default 10s)
  --replica-id NAME      this replica's name in the store's leader records (default HOST/PID/random)

  --agent-lost-grace DUR       an agent away this long is lost: its service tasks are replaced elsewhere (default 5m)`;

const args = parseFlags({
  listen: { type: 'string' },
  store: { type: 'string' },
  'log-store': { type: 'string' },
  region: { type: 'string' },
  'account-id': { type: 'string' },
  'log-level': { type: 'string' },
  'ecs-listen': { type: 'string' },
  'ecs-tls': { type: 'boolean' },
  'ecs-advertise': { type: 'string' },
  'task-credentials-lifetime': { type: 'string' },
  'install-dir': { type: 'string' },
  'metrics-listen': { type: 'string' },
  'console-listen': { type: 'string' },
  'console-session': { type: 'string' },
  'metrics-token-file': { type: 'string' },
  insecure: { type: 'boolean' },
  'bootstrap-config': { type: 'string' },
  'secrets-key': { type: 'string' },
  'audit-log': { type: 'string' },
  'audit-log-max-size': { type: 'string' },
  'audit-log-max-files': { type: 'string' },
  advertise: { type: 'string' },
  'ca-cert': { type: 'string' },
  'ca-key': { type: 'string' },
  'cert-lifetime': { type: 'string' },
  'join-rate': { type: 'string' },
  'join-rate-per-source': { type: 'string' },
  'task-retention': { type: 'string' },
  'event-retention': { type: 'string' },
  'aws-minute': { type: 'string' },
  'provisioning-timeout': { type: 'string' },
  'metric-retention': { type: 'string' },
  'scale-hooks-dir': { type: 'string' },
  'hook-url-allow': { type: 'string' },
  'prometheus-url': { type: 'string' },
  'agent-heartbeat': { type: 'string' },
  'session-ttl': { type: 'string' },
  'agent-stall': { type: 'string' },
  'event-buffer': { type: 'string' },
  'service-settle-time': { type: 'string' },
  'service-throttle-base': { type: 'string' },
  'service-throttle-max': { type: 'string' },
  'service-resync': { type: 'string' },
  'service-retention': { type: 'string' },
  'leader-ttl': { type: 'string' },
  'replica-id': { type: 'string' },
  'agent-lost-grace': { type: 'string' },
  'aws-max-connections': { type: 'string' },
  'aws-request-timeout': { type: 'string' },
  'grpc-max-message': { type: 'string' },
  'grpc-max-streams': { type: 'string' },
  'max-mutating-calls': { type: 'string' },
  'max-read-calls': { type: 'string' },
  'max-queued-calls': { type: 'string' },
  'max-call-wait': { type: 'string' },
  'max-call-lag': { type: 'string' },
  'max-call-age': { type: 'string' },
}, USAGE);
if ((args['ca-cert'] === undefined) !== (args['ca-key'] === undefined)) {
  process.stderr.write(`--ca-cert and --ca-key go together\n`);
  process.exit(2);
}
if ((args.advertise || args['ca-cert'] || args['bootstrap-config']) && args.insecure) {
  process.stderr.write(`--insecure serves no TLS and authenticates no one: --advertise, --ca-cert and --bootstrap-config do not go with it\n`);
  process.exit(2);
}
const log = createLogger(parseLevel(args['log-level']), { component: 'berth-server' });
const store = args.store ?? process.env.BERTH_STORE ?? defaultStoreUrl();
const ecsListen = args['ecs-listen'] ?? DEFAULT_ECS_LISTEN;
const consoleListen = args['console-listen'] ?? DEFAULT_CONSOLE_LISTEN;
const metricsListen = args['metrics-listen'] ?? process.env.BERTH_METRICS_ADDR ?? DEFAULT_METRICS_LISTEN;
/** How long SIGTERM waits for a clean stop (leases released, streams told to reconnect) before exiting. */
const STOP_DEADLINE_MS = 5_000;
const seconds = (flag: keyof typeof args) => parseGoDuration(String(args[flag]), `--${flag}`) / 1000;
/** A positive whole number flag, or exit 2 naming it. */
const count = (flag: keyof typeof args): number => {
  const n = Number(args[flag]);
  if (!Number.isSafeInteger(n) || n < 1) {
    process.stderr.write(`--${flag} must be a positive whole number (got ${String(args[flag])})\n`);
    process.exit(2);
  }
  return n;
};
/** --hook-url-allow, or exit 2 naming the prefix that is not an http(s) URL. */
const urlAllowList = (list: string): string[] => {
  try {
    return parseUrlAllowList(list);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
};
/** --prometheus-url: an http(s) URL, or exit 2. */
const prometheusUrl = (url: string): string => {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch { /* not a URL */ }
  if (protocol !== 'http:' && protocol !== 'https:') {
    process.stderr.write(`--prometheus-url must be an http:// or https:// URL (got ${url})\n`);
    process.exit(2);
  }
  return url;
};
/** A join rate flag: N joins a second, in bursts of 5×N (the defaults' shape: 10 and 50, 1 and 5). */
const joinRate = (flag: keyof typeof args) => {
  const n = count(flag);
  return { perSecond: n, burst: 5 * n };
};
try {
  const server = await startServer({
    listen: args.listen ?? DEFAULT_LISTEN,
    store,
    log,
    ...(args['log-store'] ? { logs: { logStore: args['log-store'] } } : {}),
    ...(ecsListen !== 'off' ? { ecsJson: { listen: ecsListen, ...(args['ecs-tls'] ? { tls: true } : {}), ...(args['ecs-advertise'] ? { advertise: args['ecs-advertise'] } : {}) } } : {}),
    ...(args['task-credentials-lifetime'] ? { taskCredentials: { lifetimeSeconds: Math.max(1, Math.round(seconds('task-credentials-lifetime'))) } } : {}),
    ...(args['install-dir'] ? { installDir: args['install-dir'] } : {}),
    ...(metricsListen !== 'off' ? {
      metricsListener: { listen: metricsListen, ...(args['metrics-token-file'] ? { token: readScrapeToken(args['metrics-token-file'], '--metrics-token-file') } : {}) },
    } : {}),
    ...(consoleListen !== 'off' ? { console: { listen: consoleListen, ...(args['console-session'] ? { ttlSeconds: seconds('console-session') } : {}) } } : {}),
    ...(args.insecure ? { insecure: true } : {}),
    ...(args['bootstrap-config'] ? { bootstrapConfig: args['bootstrap-config'] } : {}),
    ...(args['secrets-key'] ? { secretsKeyPath: args['secrets-key'] } : {}),
    ...(args['audit-log'] ? {
      auditLog: {
        path: args['audit-log'],
        ...(args['audit-log-max-size'] ? { maxBytes: count('audit-log-max-size') * 1024 * 1024 } : {}),
        ...(args['audit-log-max-files'] ? { maxFiles: count('audit-log-max-files') } : {}),
      },
    } : {}),
    ...(args.advertise || args['ca-cert'] ? {
      tls: {
        ...(args.advertise ? { advertise: args.advertise.split(',').map((h) => h.trim()).filter(Boolean) } : {}),
        ...(args['ca-cert'] ? { ca: { certPem: readFileSync(args['ca-cert'], 'utf8'), keyPem: readFileSync(args['ca-key']!, 'utf8') } } : {}),
      },
    } : {}),
    fleet: {
      ...(args['cert-lifetime'] ? { certificateLifetimeSeconds: seconds('cert-lifetime') } : {}),
      joinRateLimit: {
        ...(args['join-rate'] ? { overall: joinRate('join-rate') } : {}),
        ...(args['join-rate-per-source'] ? { perSource: joinRate('join-rate-per-source') } : {}),
      },
    },
    ...(args.region ? { region: args.region } : {}),
    ...(args['account-id'] ? { accountId: args['account-id'] } : {}),
    ...(args['task-retention'] ? { taskRetentionSeconds: parseGoDuration(args['task-retention'], '--task-retention') / 1000 } : {}),
    ...(args['leader-ttl'] ? { leaderTtlSeconds: Math.max(1, Math.round(seconds('leader-ttl'))) } : {}),
    ...(args['replica-id'] ? { replicaId: args['replica-id'] } : {}),
    ...(args['event-retention'] ? { eventRetentionSeconds: parseGoDuration(args['event-retention'], '--event-retention') / 1000 } : {}),
    ...(args['aws-minute'] ? { awsMinuteMs: parseGoDuration(args['aws-minute'], '--aws-minute') } : {}),
    ...(args['provisioning-timeout'] ? { provisioningTimeoutMs: parseGoDuration(args['provisioning-timeout'], '--provisioning-timeout') } : {}),
    ...(args['metric-retention'] ? { metricRetentionSeconds: seconds('metric-retention') } : {}),
    ...(args['scale-hooks-dir'] || args['hook-url-allow'] ? {
      scaleHooks: { ...(args['scale-hooks-dir'] ? { dir: resolve(args['scale-hooks-dir']) } : {}), urlAllow: urlAllowList(args['hook-url-allow'] ?? '') },
    } : {}),
    ...(args['prometheus-url'] ? { prometheusUrl: prometheusUrl(args['prometheus-url']) } : {}),
    // Tests only (test/invoking-crash.test.ts): die by SIGKILL right after a rule's or schedule's RunTask, before its bookkeeping.
    ...(process.env.BERTH_TEST_KILL_AFTER_INVOCATION === '1' ? {
      scheduler: { afterRun: async () => void process.kill(process.pid, 'SIGKILL') },
      ruleEngine: { afterRun: async () => void process.kill(process.pid, 'SIGKILL') },
    } : {}),
    awsLimits: {
      ...(args['aws-max-connections'] ? { maxConnections: count('aws-max-connections') } : {}),
      ...(args['aws-request-timeout'] ? { requestTimeoutMs: seconds('aws-request-timeout') * 1000 } : {}),
    },
    grpc: {
      ...(args['grpc-max-message'] ? { maxReceiveMessageBytes: count('grpc-max-message') } : {}),
      ...(args['grpc-max-streams'] ? { maxConcurrentStreams: count('grpc-max-streams') } : {}),
    },
    admission: {
      ...(args['max-mutating-calls'] ? { maxMutatingInFlight: count('max-mutating-calls') } : {}),
      ...(args['max-read-calls'] ? { maxReadInFlight: count('max-read-calls') } : {}),
      ...(args['max-queued-calls'] ? { maxQueued: count('max-queued-calls') } : {}),
      ...(args['max-call-wait'] ? { maxWaitMs: seconds('max-call-wait') * 1000 } : {}),
      ...(args['max-call-lag'] ? { maxLagMs: seconds('max-call-lag') * 1000 } : {}),
      ...(args['max-call-age'] ? { maxAgeMs: seconds('max-call-age') * 1000 } : {}),
    },
    services: {
      ...(args['service-settle-time'] ? { settleSeconds: seconds('service-settle-time') } : {}),
      ...(args['service-throttle-base'] ? { throttleBaseSeconds: seconds('service-throttle-base') } : {}),
      ...(args['service-throttle-max'] ? { throttleMaxSeconds: seconds('service-throttle-max') } : {}),
      ...(args['service-resync'] ? { resyncSeconds: seconds('service-resync') } : {}),
      ...(args['service-retention'] ? { inactiveRetentionSeconds: seconds('service-retention') } : {}),
      ...(args['agent-lost-grace'] ? { agentLostGraceSeconds: seconds('agent-lost-grace') } : {}),
    },
    agents: {
      ...(args['agent-heartbeat'] ? { heartbeatPeriodMs: parseGoDuration(args['agent-heartbeat'], '--agent-heartbeat') } : {}),
      ...(args['session-ttl'] ? { sessionTtlSeconds: Math.max(1, Math.round(parseGoDuration(args['session-ttl'], '--session-ttl') / 1000)) } : {}),
      ...(args['agent-stall'] ? { stalledWriteMs: parseGoDuration(args['agent-stall'], '--agent-stall') } : {}),
    },
    ...(args['event-buffer'] ? { events: { maxBufferedEvents: count('event-buffer') } } : {}),
    onStoreLost: () => process.exit(1),
  });
  log.info('berth-server started', { store: store.replace(/\/\/[^@/]*@/, '//'), region: server.ctx.identity.region, accountId: server.ctx.identity.accountId });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    // A store that does not answer must not keep the process: leases it could not release lapse by their TTL.
    setTimeout(() => {
      log.error('did not stop within 5 s: exiting anyway', { signal });
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (e) {
  log.error('berth-server failed to start', { error: (e as Error).message });
  process.exit(1);
}
