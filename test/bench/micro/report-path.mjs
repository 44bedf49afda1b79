// Micro-measurement of the server's CPU for an agent's RUNNING report (docs/benchmarks.md, "reportpath
// (session 14)"): the real applyTaskReports (decide: applyReport, taskOps, the task event, JSON) in batches
// of 16 as the ReportBatcher hands them over, against a store that answers getMany from memory and accepts
// every transaction (a FAKE store: what is measured is the server's own code, not the store's worker), and
// taskOps alone (a RUNNING report's record, without and with a service). Not a benchmark scenario (run.mjs
// runs only test/bench/*.mjs): run it against two builds, alternating, and compare the quietest rounds:
//   node test/bench/micro/report-path.mjs ROOT [ROUNDS] [DUMP]
// ROOT: a built checkout (this one: .); DUMP: a file to write the first 64 reports' ops to (event ids and
// key suffixes made constant), so two builds' writes can be compared byte for byte with cmp.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const rounds = Number(process.argv[3] ?? 5);
const core = await import(`${root}/packages/core/dist/src/index.js`);
const { applyTaskReports } = await import(`${root}/packages/server/dist/src/dispatch/task-reports.js`);
const { taskOps, taskKey } = await import(`${root}/packages/server/dist/src/state/tasks.js`);

const identity = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
// The bench's names: a cluster named as placement-throughput names it, its one revision, one container.
const cluster = 'bench-placement-file-12345-mhx2k3ab';
const td = {
  taskDefinitionArn: `arn:aws:ecs:us-east-1:000000000000:task-definition/${cluster}:1`, family: cluster, revision: 1, status: 'ACTIVE',
  containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', cpu: 8, memory: 16, essential: true }],
};
const N = 4096;
const recs = new Map();
const reports = [];
for (let i = 0; i < N; i++) {
  const taskId = (0x1000000 + i).toString(16).padStart(32, 'a');
  const ciId = (0x2000 + (i % 1000)).toString(16).padStart(32, 'b');
  const task = core.newTask({
    identity, cluster, taskId, containerIds: [`11111111-2222-3333-4444-${String(i).padStart(12, '0')}`], taskDefinition: td,
    containerInstance: { id: ciId, containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${ciId}` },
    now: 1_700_000_000 + i / 1000, tags: [], startedBy: 'bench', group: `family:${cluster}`,
  });
  const rec = { cluster, id: taskId, containerInstanceId: ciId, task, reservation: { cpu: 8, memory: 16, ports: [], gpus: 0 }, reportCounter: 0 };
  recs.set(taskKey(cluster, taskId), Buffer.from(JSON.stringify(rec)));
  reports.push({ instanceId: ciId, report: { taskArn: task.taskArn, counter: 2, lastStatus: 'RUNNING', containers: [{ containerName: 'c', status: 'RUNNING', runtimeId: 'sim' + String(i).padStart(16, '0') }] } });
}
let rev = 100;
const written = [];
const store = {
  async getMany(keys) { return keys.map((k) => { const v = recs.get(k); return v ? { key: k, value: Buffer.from(v), createRevision: 1, modRevision: 5, version: 1 } : null; }); },
  async get(k) { return { key: k, value: Buffer.from(JSON.stringify({ taskDefinition: td, tags: [] })), createRevision: 1, modRevision: 1, version: 1 }; },
  async txn(t) { if (written.length < 64) written.push(t.success); return { succeeded: true, revision: ++rev }; },
};
let clock = 1_700_000_100;
const ctx = { identity, store, now: () => (clock += 0.0007), log: { info() {}, warn() {}, error() {}, debug() {} } };
async function run(n) {
  for (let i = 0; i < n; i += 16) {
    const res = await applyTaskReports(ctx, reports.slice(i % N, (i % N) + 16));
    if (!res.every((r) => r.applied)) throw new Error('a report was not applied');
  }
}
const cpu = (f) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return c.user + c.system; };

await run(8192); // warm up
const perReport = [];
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage();
  await run(N);
  const c = process.cpuUsage(c0);
  perReport.push((c.user + c.system) / N);
}

// taskOps alone: a report's record after and before (PENDING), plain and as a service's task.
const after = JSON.parse(recs.values().next().value.toString());
after.task = core.applyReport(after.task, reports[0].report, 1_700_000_100, td);
const before = JSON.parse(recs.values().next().value.toString());
const asService = (r) => ({ ...r, task: { ...r.task, group: 'service:api' } });
const taskJson = JSON.stringify(after.task);
const ops = { plain: [], service: [] };
let sink = 0;
for (let r = 0; r < rounds * 2; r++) {
  ops.plain.push(cpu(() => { for (let i = 0; i < 50_000; i++) sink += taskOps(after, before, taskJson).length; }) / 50_000);
  ops.service.push(cpu(() => { for (let i = 0; i < 50_000; i++) sink += taskOps(asService(after), asService(before), taskJson).length; }) / 50_000);
}

if (process.argv[4]) {
  clock = 1_700_000_100;
  written.length = 0;
  await run(64);
  const constant = (o) => ('put' in o
    ? { put: o.put.replace(/(\/events\/.*-)[0-9a-f]+$/, '$1R'), value: String(o.value).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID') }
    : o);
  writeFileSync(process.argv[4], JSON.stringify(written.map((txn) => txn.map(constant))));
}
const min = (v) => +Math.min(...v).toFixed(2);
console.log(JSON.stringify({ root, reportUs: min(perReport), taskOpsUs: min(ops.plain), serviceTaskOpsUs: min(ops.service), rounds: perReport.map((x) => +x.toFixed(1)), sink: sink > 0 }));
