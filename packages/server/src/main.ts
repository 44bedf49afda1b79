// berth-server: the control plane. Flags: --listen, --store, --region, --account-id, --log-level.
import { parseArgs } from 'node:util';
import { defaultStoreUrl } from '@berth/store';
import { DEFAULT_LISTEN, startServer } from './server.js';
import { createLogger, parseLevel } from './log.js';

const USAGE = `Usage: berth-server [flags]
  --listen HOST:PORT     gRPC address (default ${DEFAULT_LISTEN}; port 0 picks one)
  --store URL            file:PATH (default file:~/.berth/berth.db) or etcd://HOST:2379[,HOST:2379...]
  --region NAME          region in ARNs, fixed at the store's first start (default us-east-1)
  --account-id DIGITS    12-digit account id in ARNs, fixed at first start (default 000000000000)
  --log-level LEVEL      debug | info | warn | error (default info)`;

let args;
try {
  args = parseArgs({
    options: {
      listen: { type: 'string' },
      store: { type: 'string' },
      region: { type: 'string' },
      'account-id': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
const log = createLogger(parseLevel(args['log-level']), { component: 'berth-server' });
const store = args.store ?? process.env.BERTH_STORE ?? defaultStoreUrl();
try {
  const server = await startServer({
    listen: args.listen ?? DEFAULT_LISTEN,
    store,
    log,
    ...(args.region ? { region: args.region } : {}),
    ...(args['account-id'] ? { accountId: args['account-id'] } : {}),
  });
  log.info('berth-server started', { store: store.replace(/\/\/[^@/]*@/, '//'), region: server.ctx.identity.region, accountId: server.ctx.identity.accountId });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (e) {
  log.error('berth-server failed to start', { error: (e as Error).message });
  process.exit(1);
}
