// The credentials endpoint's address translation as data (ecs-init's rules): every piece, its check, add
// and remove, for a bridge and a port; and the settings that switch the endpoint and the translation.
import t from 'tap';
import { credentialsTranslation } from '../src/credentials/address-translation.js';
import { loadConfig } from '../src/config.js';

const to = ['-p', 'tcp', '-d', '169.254.170.2', '--dport', '80'];
const dropLoopback = ['--dst', '127.0.0.0/8', '!', '--src', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'];

t.test('the rule set for a bridge and a port, in install order', async (t) => {
  const cases = [
    { bridge: 'docker0', port: 51679 },
    { bridge: 'berth-br7', port: 40123 },
  ];
  for (const { bridge, port } of cases) {
    const rules = credentialsTranslation({ bridge, port });
    t.same(rules.map((r) => [r.check, r.checkOutput, r.add, r.remove]), [
      [['ip', 'route', 'show', 'exact', '169.254.170.2/32', 'dev', 'lo'], '*', ['ip', 'route', 'add', '169.254.170.2/32', 'dev', 'lo', 'src', '127.0.0.1'], ['ip', 'route', 'del', '169.254.170.2/32', 'dev', 'lo']],
      [['sysctl', '-n', `net.ipv4.conf.${bridge}.route_localnet`], '1', ['sysctl', '-q', '-w', `net.ipv4.conf.${bridge}.route_localnet=1`], ['sysctl', '-q', '-w', `net.ipv4.conf.${bridge}.route_localnet=0`]],
      [
        ['iptables', '-w', '-t', 'filter', '-C', 'INPUT', ...dropLoopback], undefined,
        ['iptables', '-w', '-t', 'filter', '-I', 'INPUT', '1', ...dropLoopback],
        ['iptables', '-w', '-t', 'filter', '-D', 'INPUT', ...dropLoopback],
      ],
      [
        ['iptables', '-w', '-t', 'nat', '-C', 'PREROUTING', '-i', bridge, ...to, '-j', 'DNAT', '--to-destination', `127.0.0.1:${port}`], undefined,
        ['iptables', '-w', '-t', 'nat', '-A', 'PREROUTING', '-i', bridge, ...to, '-j', 'DNAT', '--to-destination', `127.0.0.1:${port}`],
        ['iptables', '-w', '-t', 'nat', '-D', 'PREROUTING', '-i', bridge, ...to, '-j', 'DNAT', '--to-destination', `127.0.0.1:${port}`],
      ],
      [
        ['iptables', '-w', '-t', 'nat', '-C', 'OUTPUT', ...to, '-j', 'REDIRECT', '--to-ports', String(port)], undefined,
        ['iptables', '-w', '-t', 'nat', '-A', 'OUTPUT', ...to, '-j', 'REDIRECT', '--to-ports', String(port)],
        ['iptables', '-w', '-t', 'nat', '-D', 'OUTPUT', ...to, '-j', 'REDIRECT', '--to-ports', String(port)],
      ],
    ], `${bridge}:${port}`);
  }
});

t.test('refuses what would not be an interface or a port', async (t) => {
  for (const [bridge, port] of [['docker0; rm -rf /', 51679], ['', 51679], ['a-very-long-bridge-name', 51679], ['docker0', 0], ['docker0', 70000], ['docker0', 1.5]] as const) {
    t.throws(() => credentialsTranslation({ bridge, port }), `${bridge}:${port}`);
  }
});

t.test('settings: the endpoint on loopback by default, the translation off unless asked', async (t) => {
  const none = { ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent/ecs.config.json' };
  t.same(loadConfig(none).credentialsAddr, { host: '127.0.0.1', port: 51679 });
  t.equal(loadConfig(none).credentialsTranslation, false);
  t.equal(loadConfig({ ...none, BERTH_CREDENTIALS_ENDPOINT: 'on' }).credentialsTranslation, true);
  t.equal(loadConfig({ ...none, BERTH_CREDENTIALS_ADDR: 'off' }).credentialsAddr, undefined);
  t.same(loadConfig({ ...none, BERTH_CREDENTIALS_ADDR: '127.0.0.1:0' }).credentialsAddr, { host: '127.0.0.1', port: 0 });
  t.throws(() => loadConfig({ ...none, BERTH_CREDENTIALS_ADDR: '0.0.0.0:51679' }), /beyond loopback/);
  t.throws(() => loadConfig({ ...none, BERTH_CREDENTIALS_ENDPOINT: 'yes' }), /on or off/);
  t.throws(() => loadConfig({ ...none, BERTH_CREDENTIALS_ENDPOINT: 'on', BERTH_CREDENTIALS_ADDR: 'off' }), /needs the credentials endpoint/);
});
