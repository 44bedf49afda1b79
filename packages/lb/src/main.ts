// berth-lb --group NAME: serves the load balancers whose Subnets name NAME on this machine with the
// distribution's HAProxy. Joins once with a token of kind lb (its certificate kept in --dir). SIGTERM
// stops berth-lb and leaves HAProxy serving; the next berth-lb adopts it.
import { parseArgs } from 'node:util';
import { BerthClient, createLogger, parseLevel } from '@berth/api';
import { LB_GROUP } from '@berth/core';
import { certificateCluster, lbCredentials } from './join.js';
import { servingAddresses, startLb } from './lb.js';

const USAGE = 'usage: berth-lb --group NAME [--server HOST:PORT[,...]] [--join-token TOKEN] [--dir DIR] [--bind ADDRESS] [--poll-interval MS] [--stats-interval MS] [--advertise ADDRESS[,...]]';
let args;
try {
  args = parseArgs({
    options: {
      group: { type: 'string' },
      server: { type: 'string', default: process.env.BERTH_SERVER ?? '127.0.0.1:7420' },
      'join-token': { type: 'string', default: process.env.BERTH_JOIN_TOKEN },
      dir: { type: 'string', default: '/var/lib/berth-lb' },
      bind: { type: 'string', default: '0.0.0.0' },
      'poll-interval': { type: 'string', default: '1000' },
      // How often HAProxy's counters go to the control plane for ELB's metrics.
      'stats-interval': { type: 'string', default: '10000' },
      // Where clients reach this machine (DescribeLoadBalancers' addresses); default: see servingAddresses.
      advertise: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
    },
  }).values;
  if (!args.group || !LB_GROUP.test(args.group)) throw new Error('--group names the group of load-balancer machines (a load balancer\'s Subnets)');
  if (!/^\d+$/.test(args['poll-interval']!)) throw new Error('--poll-interval is milliseconds');
  if (!/^\d+$/.test(args['stats-interval']!)) throw new Error('--stats-interval is milliseconds');
} catch (e) {
  process.stderr.write(`berth-lb: ${(e as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
const log = createLogger(parseLevel(args['log-level']!), { component: 'berth-lb' });
try {
  const servers = args.server!.split(',');
  const tls = await lbCredentials(servers, args['join-token'], args.dir!, log);
  const client = new BerthClient(servers, { tls });
  const lb = await startLb({ client, group: args.group!, cluster: certificateCluster(tls), dir: args.dir!, bindAddress: args.bind!, pollMs: Number(args['poll-interval']), statsMs: Number(args['stats-interval']),
    addresses: args.advertise ? args.advertise.split(',') : servingAddresses(args.bind!), log,
  });
  log.info('berth-lb started', { group: args.group, dir: args.dir });
  const stop = async (signal: string) => {
    log.info('stopping; haproxy keeps serving', { signal });
    await lb.close();
    client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (e) {
  log.error('berth-lb cannot start', { error: (e as Error).message });
  process.exit(1);
}
