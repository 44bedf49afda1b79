// berth-agent: configured as amazon-ecs-agent is (ECS_* settings, BERTH_SERVER for the control plane).
// SIGTERM or SIGINT stops the agent and leaves its containers running; a restart adopts them.
// `berth-agent --uninstall-credentials-rules` removes the credentials endpoint's address translation this
// machine's agent installed (BERTH_CREDENTIALS_ENDPOINT=on; recorded in ECS_DATADIR) and exits: for the
// packages' removal scripts, once no container runs any more.
// First: the dependencies' parts an idle agent does not use stay unloaded (lazy-parts.ts).
import './lazy-parts.js';
import { createLogger, parseLevel } from '@berth/api/log.js';
import { ConfigError, loadConfig } from './config.js';
import { startAgent } from './agent.js';
import { uninstallTranslation } from './credentials/index.js';

let cfg;
try {
  cfg = loadConfig();
} catch (e) {
  process.stderr.write(`berth-agent: ${(e as Error).message}\n`);
  process.exit(e instanceof ConfigError ? 2 : 1);
}
const log = createLogger(parseLevel(cfg.logLevel), { component: 'berth-agent' });
const args = process.argv.slice(2);
if (args.length > 0) {
  if (args.length !== 1 || args[0] !== '--uninstall-credentials-rules') {
    process.stderr.write(`berth-agent: unknown arguments ${args.join(' ')} (the agent is configured by its environment; the one flag is --uninstall-credentials-rules)\n`);
    process.exit(2);
  }
  try {
    await uninstallTranslation(cfg.dataDir, log);
    process.exit(0);
  } catch (e) {
    log.error('cannot remove the credentials endpoint\'s address translation', { error: (e as Error).message });
    process.exit(1);
  }
}
try {
  const agent = await startAgent(cfg, { log });
  // The Node it runs on (the distribution's, 18 or later) and its architecture: what a Pi's logs show first.
  log.info('berth-agent started', { containerInstanceArn: agent.containerInstanceArn, cluster: cfg.cluster, servers: cfg.servers, dataDir: cfg.dataDir, node: process.version, arch: process.arch });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping; containers keep running', { signal });
    await agent.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (e) {
  log.error('berth-agent cannot start', { error: (e as Error).message });
  process.exit(1);
}
