// ecs-init's address translation for the credentials endpoint, all of it, as data: what makes
// 169.254.170.2:80 reach the agent's endpoint on 127.0.0.1 (from bridge-mode containers and from the host),
// and what keeps containers away from everything else on the host's loopback. PURE: netfilter.ts applies
// it with iptables, ip and sysctl.
//
// - nat PREROUTING, from the Docker bridge: DNAT 169.254.170.2:80 to 127.0.0.1:PORT (containers);
// - nat OUTPUT: REDIRECT 169.254.170.2:80 to PORT (the host's own processes, host-mode containers and
//   dockerd's awslogs driver);
// - route_localnet on the bridge: the kernel accepts a DNAT to 127.0.0.1 from it;
// - filter INPUT: drop packets to 127.0.0.0/8 from anything but loopback unless they belong to a connection
//   (the DNAT above included), without which route_localnet would let a container reach every service bound
//   to the host's 127.0.0.1 (etcd among them);
// - a route for 169.254.170.2/32 into the loopback device, so that while the translation is absent nothing
//   for that address leaves by the default route: on loopback an untranslated packet is dropped. (A
//   `blackhole` route would also refuse the host's own connections before the OUTPUT rule could translate
//   them: connect() fails on the route lookup.) Its `src 127.0.0.1` makes the host's own requests (dockerd's
//   awslogs driver) come from loopback, which is how the endpoint tells them from a container's.

/** Where ECS's tasks reach the credentials endpoint, and the address the agent's endpoint listens on. */
export const CREDENTIALS_IP = '169.254.170.2';
export const CREDENTIALS_PORT = 80;

export interface TranslationInput {
  /** The Docker bridge's interface (docker0, or dockerd's --bridge). */
  bridge: string;
  /** The port the agent's endpoint listens on at 127.0.0.1. */
  port: number;
}

/** One piece of host configuration: how to see whether it is there, add it, and take it away (argv). */
export interface HostRule {
  /** What it is, for logs and the report of an uninstall. */
  name: string;
  /** Present when this succeeds (and, with `checkOutput`, prints that: `*` for anything at all). */
  check: string[];
  checkOutput?: string;
  add: string[];
  remove: string[];
}

/** An iptables rule: -C to check, -A (or -I, first in its chain) to add, -D to remove. */
function iptables(name: string, table: string, chain: string, spec: string[], first = false): HostRule {
  return {
    name,
    check: ['iptables', '-w', '-t', table, '-C', chain, ...spec],
    add: ['iptables', '-w', '-t', table, first ? '-I' : '-A', chain, ...(first ? ['1'] : []), ...spec],
    remove: ['iptables', '-w', '-t', table, '-D', chain, ...spec],
  };
}

/** The whole rule set, in the order it is installed (removed in reverse). */
export function credentialsTranslation({ bridge, port }: TranslationInput): HostRule[] {
  if (!/^[\w.-]{1,15}$/.test(bridge)) throw new Error(`not an interface name: '${bridge}'`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a port: ${port}`);
  const to = ['-p', 'tcp', '-d', CREDENTIALS_IP, '--dport', String(CREDENTIALS_PORT)];
  const localnet = `net.ipv4.conf.${bridge}.route_localnet`;
  return [
    {
      name: `route ${CREDENTIALS_IP}/32 dev lo src 127.0.0.1`,
      check: ['ip', 'route', 'show', 'exact', `${CREDENTIALS_IP}/32`, 'dev', 'lo'],
      checkOutput: '*',
      add: ['ip', 'route', 'add', `${CREDENTIALS_IP}/32`, 'dev', 'lo', 'src', '127.0.0.1'],
      remove: ['ip', 'route', 'del', `${CREDENTIALS_IP}/32`, 'dev', 'lo'],
    },
    {
      name: `${localnet}=1`,
      check: ['sysctl', '-n', localnet],
      checkOutput: '1',
      add: ['sysctl', '-q', '-w', `${localnet}=1`],
      remove: ['sysctl', '-q', '-w', `${localnet}=0`],
    },
    iptables('filter INPUT: drop to 127.0.0.0/8 from beyond loopback', 'filter', 'INPUT',
      ['--dst', '127.0.0.0/8', '!', '--src', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'], true),
    iptables(`nat PREROUTING: ${bridge} ${CREDENTIALS_IP}:${CREDENTIALS_PORT} DNAT 127.0.0.1:${port}`, 'nat', 'PREROUTING',
      ['-i', bridge, ...to, '-j', 'DNAT', '--to-destination', `127.0.0.1:${port}`]),
    iptables(`nat OUTPUT: ${CREDENTIALS_IP}:${CREDENTIALS_PORT} REDIRECT ${port}`, 'nat', 'OUTPUT',
      [...to, '-j', 'REDIRECT', '--to-ports', String(port)]),
  ];
}
