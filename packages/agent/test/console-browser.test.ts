// The web console in a real browser: Debian's chromium, headless, driven by playwright-core, against a real
// control plane with a real agent and dockerd. One browser for the file. It signs in; runs a task from the
// cluster's Tasks tab and sees it reach RUNNING, then stops it; scales a service and watches its
// deployment; sees the cluster's and the service's CPU and memory charts drawn from GetMetricData; sees an
// event arrive live while the page makes no request; a read-only user finds Run
// disabled and is refused anyway; a POST from a page on another port of 127.0.0.1 is refused; text from
// the cluster that looks like HTML renders as text; axe-core finds no serious violation on each main page.
// Screenshots of the main pages go to test-artifacts/console/ (gitignored).
//
// Chromium calls nothing beyond loopback: background networking, component updates, sync and the like are
// off, and every host name but 127.0.0.1 resolves to nothing.
import t, { type Test } from 'tap';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { CLOUDWATCH_API, IAM_API, type Task } from '@berth/core';
import { IMAGE, REPO_ROOT, startTestCluster, until, waitForTask } from './e2e-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts/console');
mkdirSync(ARTIFACTS, { recursive: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const XSS = '<img src=x onerror=alert(1)>';

const tc = await startTestCluster('console', t.teardown, {
  // Metrics: statistics every second, figures every 2 s (one "AWS minute").
  server: {
    console: { listen: '127.0.0.1:0' }, services: { settleSeconds: 1, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 2 },
    awsMinuteMs: 2000, agents: { statisticsWriteIntervalMs: 1000 },
  },
  agents: [{ ECS_POLLING_METRICS_WAIT_DURATION: '1s' }],
});
const { client, cluster } = tc;
const base = tc.server.consoleUrl!;
const family = `console-sleep-${process.pid}`;
await client.call('RegisterTaskDefinition', {
  family, containerDefinitions: [{ name: 'main', image: IMAGE, memory: 16, cpu: 16, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.2; done"] }],
});
await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 0 });
// More memory than any machine has: its placement fails, on every instance, for a reason.
const huge = `console-huge-${process.pid}`;
await client.call('RegisterTaskDefinition', { family: huge, containerDefinitions: [{ name: 'main', image: IMAGE, memory: 4_000_000 }] });

async function userWithKey(name: string, policy: string): Promise<{ id: string; secret: string }> {
  await client.callApi(IAM_API, 'CreateUser', { UserName: name });
  await client.callApi(IAM_API, 'AttachUserPolicy', { UserName: name, PolicyArn: policy });
  const { AccessKey } = (await client.callApi(IAM_API, 'CreateAccessKey', { UserName: name })) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } };
  return { id: AccessKey.AccessKeyId, secret: AccessKey.SecretAccessKey };
}
const admin = await userWithKey('console-admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
const reader = await userWithKey('console-reader', 'arn:aws:iam::aws:policy/ReadOnlyAccess');

const browser: Browser = await chromium.launch({
  executablePath: CHROMIUM,
  timeout: 90_000,
  headless: true,
  args: [
    '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps',
    '--disable-domain-reliability', '--disable-client-side-phishing-detection', '--no-first-run', '--no-pings',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ],
});
t.teardown(() => browser.close());

/** A fresh browser profile (its own cookies), signed in with a key, on the clusters page. */
async function signedIn(key: { id: string; secret: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await context.addInitScript({ content: AXE });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(base);
  await page.waitForSelector('input[name=accessKeyId]');
  await page.fill('input[name=accessKeyId]', key.id);
  await page.fill('input[name=secretAccessKey]', key.secret);
  await page.click('button[type=submit]');
  await page.waitForSelector('#clusters-title');
  return page;
}
const dialogs: string[] = [];

/** axe-core's serious and critical violations on the page as it is. */
async function accessibility(page: Page): Promise<string[]> {
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
const textOf = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');
const go = async (page: Page, hash: string, ready: string) => {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  await page.waitForSelector(ready);
};

const page = await signedIn(admin);
// A failing test leaves a picture of what the page showed.
t.afterEach(async (t) => {
  if (!t.passing()) await shoot(page, `failed-${t.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => {});
});

t.test('the clusters page, accessible', async (t) => {
  await page.getByText(cluster).first().waitFor();
  t.same(await accessibility(page), [], 'no serious accessibility violations');
  await shoot(page, 'clusters');
});

/** The cluster's Tasks tab, Run new task, a family's latest revision, Run. */
async function runFromTasksTab(taskFamily: string): Promise<void> {
  await go(page, `#/clusters/${cluster}/tasks`, '#panel-tasks button.primary');
  await page.locator('button.primary:enabled').waitFor();
  await page.click('button.primary');
  await page.locator('select[name=family] option', { hasText: taskFamily }).waitFor({ state: 'attached' });
  await page.selectOption('select[name=family]', taskFamily);
  await page.click('.run-task button[type=submit]');
}

let taskId = '';
t.test('run a task from the Tasks tab; it reaches RUNNING; stop it', async (t) => {
  await runFromTasksTab(family);
  await page.waitForSelector('a.started');
  taskId = (await textOf(page, 'a.started')).trim();
  t.match(taskId, /^[0-9a-f]{32}$/, 'RunTask started a task');
  t.same(await accessibility(page), [], 'the Tasks tab and its Run form are accessible');
  await shoot(page, 'tasks-tab-run');
  await page.click('a.started');
  await page.locator('.last-status', { hasText: /^RUNNING$/ }).waitFor({ timeout: 60_000 });
  t.pass('the task page shows RUNNING (live, from the event stream)');
  t.same(await accessibility(page), [], 'the task page is accessible');
  await shoot(page, 'task');
  await page.click('.toolbar button');
  await page.locator('.last-status', { hasText: /^STOPPED$/ }).waitFor({ timeout: 60_000 });
  const task = (await client.call('DescribeTasks', { cluster, tasks: [taskId] })).tasks![0]!;
  t.equal(task.stoppedReason, 'Stopped from the console', 'stopped by the console, as its user');
});

t.test('a task that cannot be placed: the reasons, per instance', async (t) => {
  await runFromTasksTab(huge);
  const failure = await page.locator('.failures li').first().textContent();
  const instance = (await client.call('ListContainerInstances', { cluster })).containerInstanceArns![0]!.split('/').pop()!;
  t.match(failure, /RESOURCE:MEMORY/, 'the reason, as ECS names it');
  t.match(failure, new RegExp(instance), 'on the instance it concerns');
  await shoot(page, 'run-task-placement-failure');
});

t.test('scale a service and watch its deployment', async (t) => {
  await go(page, `#/clusters/${cluster}/services/web`, 'input[name=desiredCount]');
  await page.fill('input[name=desiredCount]', '1');
  // The page reloads the service on the cluster's events and renders it again: what was typed stays.
  const reloaded = page.waitForResponse((r) => r.url().endsWith('/api/call/ecs/DescribeServices'));
  const [other] = (await client.call('RunTask', { cluster, taskDefinition: family, startedBy: 'rerender' })).tasks ?? [];
  await reloaded;
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
  t.equal(await page.inputValue('input[name=desiredCount]'), '1', 'typed, then the service rendered again: the figure typed stays');
  await client.call('StopTask', { cluster, task: other!.taskArn! });
  await page.click('form[aria-label=Scale] button');
  await page.locator('.running-count', { hasText: /^1$/ }).waitFor({ timeout: 60_000 });
  t.equal(await textOf(page, '.desired-count'), '1', 'desired 1, running 1, shown live');
  t.ok((await textOf(page, 'table')).includes('1 of 1 running'), 'the deployment shows its progress');
  t.same(await accessibility(page), [], 'the service page is accessible');
  await shoot(page, 'service');
});

/** Waits until CloudWatch has a figure of the metric (so the page's first reading has it too). */
async function metricExists(metric: string, dimensions: Record<string, string>): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await until(`a ${metric} figure`, async () => {
    const r = (await client.callApi(CLOUDWATCH_API, 'GetMetricData', {
      StartTime: now - 3600, EndTime: now + 3600,
      MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: metric, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) }, Period: 60, Stat: 'Average' } }],
    })) as { MetricDataResults?: { Values?: number[] }[] };
    return (r.MetricDataResults?.[0]?.Values?.length ?? 0) > 0;
  }, 60_000, 500);
}

/** Opens a page of charts; each chart's legend and lines are what the page's GetMetricData answered. */
async function chartsMatch(t: Test, hash: string, lines: { metric: string; chart: string }[]): Promise<Record<string, number>> {
  // This page's reading: a service's names its ServiceName (not the previous page's, had it read again).
  const forService = hash.includes('/services/');
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/cloudwatch/GetMetricData') && (r.request().postData() ?? '').includes('"ServiceName"') === forService);
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  const response = await answered;
  t.equal(response.status(), 200, 'GetMetricData, as the signed-in user');
  const request = response.request().postDataJSON() as { MetricDataQueries: { Id: string; MetricStat: { Metric: { MetricName: string } } }[] };
  const results = ((await response.json()) as { MetricDataResults: { Id: string; Values: number[] }[] }).MetricDataResults;
  await page.locator('.chart').first().waitFor();
  const latest: Record<string, number> = {};
  for (const { metric, chart } of lines) {
    const id = request.MetricDataQueries.find((q) => q.MetricStat.Metric.MetricName === metric)!.Id;
    const values = results.find((r) => r.Id === id)?.Values ?? [];
    const fig = page.locator(`figure.chart[data-chart=${chart}]`);
    const shown = await fig.locator(`.legend li[data-metric=${metric}] .latest`).textContent();
    t.equal(shown, values.length ? `${values[values.length - 1]!.toFixed(1)} %` : 'no data', `${chart}: ${metric}'s latest figure`);
    t.equal(await fig.locator(`g[data-metric=${metric}]`).getAttribute('data-points'), String(values.length), `${chart}: ${metric}, a point a minute`);
    latest[metric] = values[values.length - 1] ?? NaN;
  }
  return latest;
}

t.test('the Metrics tab and a service\'s charts: CPU and memory from CloudWatch\'s GetMetricData', async (t) => {
  await metricExists('CPUReservation', { ClusterName: cluster });
  await metricExists('MemoryUtilization', { ClusterName: cluster, ServiceName: 'web' });
  const c = await chartsMatch(t, `#/clusters/${cluster}/metrics`, [
    { metric: 'CPUUtilization', chart: 'CPU' }, { metric: 'CPUReservation', chart: 'CPU' },
    { metric: 'MemoryUtilization', chart: 'Memory' }, { metric: 'MemoryReservation', chart: 'Memory' },
  ]);
  t.ok(c.CPUReservation! > 0 && c.MemoryReservation! > 0, 'the service\'s task reserves CPU and memory of the cluster');
  t.same(await accessibility(page), [], 'the Metrics tab is accessible');
  await shoot(page, 'metrics-tab');
  const s = await chartsMatch(t, `#/clusters/${cluster}/services/web`, [{ metric: 'CPUUtilization', chart: 'CPU' }, { metric: 'MemoryUtilization', chart: 'Memory' }]);
  t.ok(s.MemoryUtilization! > 0, 'the service\'s container uses memory');
  t.same(await accessibility(page), [], 'the service page with its charts is accessible');
  await shoot(page, 'service-metrics');
});

t.test('an event arrives live while the page makes no request', async (t) => {
  await go(page, `#/clusters/${cluster}/events`, '#panel-events .status');
  await page.locator('.status', { hasText: /^Live/ }).waitFor();
  const requests: string[] = [];
  const record = (r: { url(): string }) => requests.push(r.url());
  page.on('request', record);
  const [run] = (await client.call('RunTask', { cluster, taskDefinition: family, startedBy: 'live-check' })).tasks ?? [];
  const id = run!.taskArn!.split('/').pop()!;
  await page.getByText(`task ${id}`).first().waitFor({ timeout: 30_000 });
  page.off('request', record);
  t.same(requests, [], 'the event came over the open stream: no new request');
  t.same(await accessibility(page), [], 'the Events tab is accessible');
  await shoot(page, 'events-tab');
  // Text from the cluster that looks like HTML: a stop reason.
  await waitForTask(client, cluster, run!.taskArn!, 'RUNNING', 60_000);
  await client.call('StopTask', { cluster, task: id, reason: XSS });
  await go(page, `#/clusters/${cluster}/tasks/${id}`, '#task-title');
  await page.getByText(XSS).first().waitFor({ timeout: 30_000 });
  t.equal(await page.$$eval('main img', (els) => els.length), 0, 'no element was made of it');
  t.same(dialogs, [], 'no script ran');
  await shoot(page, 'task-with-html-text');
});

t.test('a task\'s live log: its lines as the container writes them, as text; the log ends with the task', async (t) => {
  const talk = `console-talk-${process.pid}`;
  await client.call('RegisterTaskDefinition', {
    family: talk, containerDefinitions: [{ name: 'talk', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', `echo '${XSS}' >&2; i=0; while true; do echo "line $i"; i=$((i+1)); sleep 0.05; done`] }],
  });
  const [run] = (await client.call('RunTask', { cluster, taskDefinition: talk })).tasks ?? [];
  await waitForTask(client, cluster, run!.taskArn!, 'RUNNING', 60_000);
  const id = run!.taskArn!.split('/').pop()!;
  await go(page, `#/clusters/${cluster}/tasks/${id}`, 'pre.logs');
  await page.locator('.logs-status', { hasText: 'Following' }).waitFor();
  await page.locator('pre.logs', { hasText: 'line 3' }).waitFor({ timeout: 30_000 });
  const seen = async () => Math.max(...[...(await textOf(page, 'pre.logs')).matchAll(/line (\d+)/g)].map((m) => Number(m[1])));
  const first = await seen();
  await page.locator('pre.logs', { hasText: `line ${first + 5}\n` }).waitFor({ timeout: 30_000 });
  t.pass(`lines after line ${first} arrived while the page was open`);
  // More lines than the block shows: it keeps to the end as they come.
  await page.locator('pre.logs', { hasText: `line ${first + 40}\n` }).waitFor({ timeout: 30_000 });
  const fromEnd = await page.$eval('pre.logs', (el) => ({ over: el.scrollHeight > el.clientHeight, gap: el.scrollHeight - el.clientHeight - el.scrollTop }));
  t.ok(fromEnd.over && fromEnd.gap <= 4, `the log overflows its block and shows its end (${fromEnd.gap} px from it)`);
  t.equal((await page.locator('pre.logs .stderr').first().textContent())?.trim(), XSS, 'stderr, marked, and HTML in it shown as text');
  t.equal(await page.$$eval('main img', (els) => els.length), 0, 'no element was made of it');
  t.same(dialogs, [], 'no script ran');
  t.same(await accessibility(page), [], 'the task page with its log is accessible');
  await shoot(page, 'task-logs');
  await client.call('StopTask', { cluster, task: id, reason: 'log test done' });
  await page.locator('.logs-status', { hasText: 'Not following' }).waitFor({ timeout: 60_000 });
  t.equal(await page.locator('.error').count(), 0, 'the log ended with its container, no error');
});

t.test('the Infrastructure tab and the task definitions, accessible; usable at a phone\'s width', async (t) => {
  await go(page, `#/clusters/${cluster}/infrastructure`, '#panel-infrastructure .vlist');
  t.same(await accessibility(page), [], 'the Infrastructure tab is accessible');
  await shoot(page, 'infrastructure-tab');
  // A slow answer, as on a loaded machine: the JSON block appears only with the revision in it (it once
  // appeared empty first, and a reader that came early read nothing).
  const slow = async (route: Route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  };
  await page.route('**/api/call/ecs/DescribeTaskDefinition', slow);
  await go(page, `#/taskdefs/${family}`, 'pre.json');
  t.ok((await textOf(page, 'pre.json')).includes('"family"'), 'the revision\'s JSON');
  // A new revision from YAML, then the diff between the two.
  await page.click('text=Register a revision');
  await page.fill('textarea[name=definition]', `family: ${family}\ncontainerDefinitions:\n  - name: main\n    image: ${IMAGE}\n    memory: 32\n`);
  await page.click('form[aria-labelledby=register-title] button[type=submit]');
  await page.locator('select >> nth=0').locator('option', { hasText: `${family}:2` }).waitFor({ state: 'attached' });
  await page.locator('select >> nth=1').selectOption(`${family}:1`);
  await page.locator('pre.diff .removed', { hasText: '"memory": 16' }).waitFor();
  await page.unroute('**/api/call/ecs/DescribeTaskDefinition', slow);
  t.ok(await page.locator('pre.diff .added', { hasText: '"memory": 32' }).count(), 'the diff between revisions 1 and 2');
  t.same(await accessibility(page), [], 'the task definitions page is accessible');
  await shoot(page, 'task-definitions');
  await page.setViewportSize({ width: 390, height: 844 });
  await go(page, `#/clusters/${cluster}/tasks`, '#panel-tasks .toolbar');
  t.ok((await page.evaluate('document.documentElement.scrollWidth')) as number <= 390, 'nothing wider than the phone');
  await shoot(page, 'tasks-tab-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

t.test('a read-only user sees Run disabled, and the server refuses it anyway', async (t) => {
  const ro = await signedIn(reader);
  await go(ro, `#/clusters/${cluster}/tasks`, '#panel-tasks button.primary');
  await ro.locator('button.primary:disabled').waitFor();
  t.pass('Run new task is disabled');
  const answer = (await ro.evaluate(`(async () => {
    const s = await (await fetch('/api/session')).json();
    const r = await fetch('/api/call/ecs/RunTask', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken }, body: JSON.stringify({ cluster: ${JSON.stringify(cluster)}, taskDefinition: ${JSON.stringify(family)} }) });
    return { status: r.status, body: await r.json() };
  })()`)) as { status: number; body: { __type: string } };
  t.equal(answer.body.__type, 'AccessDeniedException', 'RunTask made by hand is refused');
  await ro.context().close();
});

t.test('a POST from another origin on 127.0.0.1 (another port) is refused', async (t) => {
  const familyTasks = async () => {
    const arns = await Promise.all((['RUNNING', 'STOPPED'] as const).map(async (desiredStatus) => (await client.call('ListTasks', { cluster, family, desiredStatus })).taskArns ?? []));
    return arns.flat().sort();
  };
  const before = await familyTasks();
  // The attacker's page: same host, another port (SameSite does not separate ports: the victim's cookie
  // goes with it), posting JSON as a text/plain form, the classic way around a JSON API's content type.
  const attacker = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    const json = JSON.stringify({ cluster, taskDefinition: family, x: '' }).slice(0, -3);
    res.end(`<form method="POST" enctype="text/plain" action="${base}/api/call/ecs/RunTask"><input type="hidden" name='${json}' value='"}'></form>
      <script>document.forms[0].submit();</script>`);
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => attacker.close());
  await page.goto(`http://127.0.0.1:${(attacker.address() as { port: number }).port}/`);
  await page.waitForURL(`${base}/api/call/ecs/RunTask`);
  const answer = await page.locator('body').textContent();
  t.match(answer, /AccessDeniedException/, 'refused');
  t.match(answer, /its Origin is not this console's/, 'for its Origin');
  await new Promise((r) => setTimeout(r, 500));
  t.same(await familyTasks(), before, 'yet no task was started: the console refused it (its Origin is not the console\'s)');
});
