// berth lint's rules, each with a case that warns and one that does not.
import t from 'tap';
import { LINT_RULES, lintTaskDefinition, type ContainerDefinition, type LintRule, type TaskDefinition } from '../src/index.js';

/** A container that breaks no rule. */
const good: ContainerDefinition = {
  name: 'web', image: 'nginx:1.25.3', memory: 128, essential: true,
  healthCheck: { command: ['CMD-SHELL', 'true'] }, command: ['nginx', '-g', 'daemon off;'],
  environment: [{ name: 'PORT', value: '80' }, { name: 'MONKEY_BUSINESS', value: 'x' }],
};
const td = (c: Partial<ContainerDefinition>, task: Partial<TaskDefinition> = {}): TaskDefinition => ({ family: 'f', containerDefinitions: [{ ...good, ...c }], ...task });
const rules = (d: TaskDefinition) => lintTaskDefinition(d).map((w) => w.rule);

t.same(rules(td({})), [], 'a container that follows every practice');

const CASES: [LintRule, warns: TaskDefinition, quiet: TaskDefinition][] = [
  ['image-tag', td({ image: 'nginx' }), td({ image: 'registry:5000/team/nginx:1.2' })],
  ['image-tag', td({ image: 'nginx:latest' }), td({ image: 'nginx@sha256:abc' })],
  ['memory-limit', td({ memory: undefined, memoryReservation: 64 }), td({ memory: undefined }, { memory: '512' })],
  ['health-check', td({ healthCheck: undefined }), td({ healthCheck: undefined, essential: false })],
  ['one-process', td({ command: ['sh', '-c', 'worker & nginx'] }), td({ command: ['sh', '-c', 'migrate && exec nginx 2>&1'] })],
  ['one-process', td({ entryPoint: ['/usr/bin/supervisord'] }), td({ entryPoint: ['/usr/bin/tini', '--'] })],
  ['logs-to-stdout', td({ command: ['sh', '-c', 'exec app >> /var/log/app.log'] }), td({ command: ['sh', '-c', 'exec app >> /var/log/app.log'], logConfiguration: { logDriver: 'json-file' } })],
  ['privileged', td({ privileged: true }), td({ privileged: false })],
  ['host-network', td({}, { networkMode: 'host' }), td({}, { networkMode: 'bridge' })],
  ['secret-in-environment', td({ environment: [{ name: 'DB_PASSWORD', value: 'x' }] }), td({ secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db' }] })],
  ['secret-in-environment', td({ environment: [{ name: 'API_KEY', value: 'x' }] }), td({ environment: [{ name: 'KEYBOARD_LAYOUT', value: 'us' }] })],
];

for (const [rule, warns, quiet] of CASES) {
  t.test(rule, async (t) => {
    const w = lintTaskDefinition(warns).filter((x) => x.rule === rule);
    t.equal(w.length, 1, 'warns');
    t.ok(w[0]!.field && w[0]!.message && w[0]!.fix, 'with the field, what is wrong and how to fix it');
    t.notOk(rules(quiet).includes(rule), 'and not where the practice is followed');
  });
}

t.test('every rule is explained and tested', async (t) => {
  t.same(new Set(CASES.map((c) => c[0])), new Set(Object.keys(LINT_RULES)));
  const w = lintTaskDefinition(td({ image: 'nginx', privileged: true }));
  t.same(w.map((x) => x.field), ['containerDefinitions[0].image', 'containerDefinitions[0].privileged']);
});
