// "Run new task", as in the AWS console's Tasks tab: a family and revision, the count, the launch type,
// placement strategy and constraints, and overrides of one container (command, environment) and of the
// task (CPU, memory). RunTask's answer is shown whole: the tasks it started, and each placement failure with
// its reason (per container instance where placement names one).
import { useEffect, useState } from 'preact/hooks';
import type { Failure, Task, TaskDefinition } from '@berth/core';
import { ecs } from '../api.js';
import { ErrorText } from '../components/error.js';
import { shortId } from '../format.js';
import { href } from '../router.js';

/** A command as typed: a JSON array, or words separated by spaces. */
export function parseCommand(text: string): string[] | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (t.startsWith('[')) return JSON.parse(t) as string[];
  return t.split(/\s+/);
}

/** KEY=VALUE lines as ECS's environment. */
export function parseEnvironment(text: string): { name: string; value: string }[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const eq = l.indexOf('=');
    if (eq <= 0) throw new Error(`"${l}" is not KEY=VALUE`);
    return { name: l.slice(0, eq), value: l.slice(eq + 1) };
  });
}

export function RunTaskForm({ cluster, close }: { cluster: string; close(): void }) {
  const [families, setFamilies] = useState<string[]>([]);
  const [family, setFamily] = useState('');
  const [revisions, setRevisions] = useState<string[]>([]);
  const [definition, setDefinition] = useState<TaskDefinition | undefined>();
  const [revision, setRevision] = useState('');
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<{ tasks?: Task[]; failures?: Failure[] } | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void ecs<{ families?: string[] }>('ListTaskDefinitionFamilies', { status: 'ACTIVE', maxResults: 100 }).then((r) => {
      setFamilies(r.families ?? []);
      setFamily((f) => f || (r.families?.[0] ?? ''));
    }, setError);
  }, []);
  useEffect(() => {
    if (!family) return;
    setRevision('');
    void ecs<{ taskDefinitionArns?: string[] }>('ListTaskDefinitions', { familyPrefix: family, status: 'ACTIVE', sort: 'DESC', maxResults: 100 })
      .then((r) => setRevisions((r.taskDefinitionArns ?? []).map(shortId).filter((n) => n.slice(0, n.lastIndexOf(':')) === family)), setError);
    void ecs<{ taskDefinition?: TaskDefinition }>('DescribeTaskDefinition', { taskDefinition: family }).then((r) => setDefinition(r.taskDefinition), setError);
  }, [family]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      const container = get('container');
      const command = parseCommand(get('command'));
      const environment = parseEnvironment(get('environment'));
      const strategy = get('strategy');
      const constraint = get('constraint');
      const req: Record<string, unknown> = {
        cluster, taskDefinition: revision || family, count: Number(get('count') || '1'), launchType: get('launchType'),
        ...(strategy ? { placementStrategy: [strategy === 'random' ? { type: 'random' } : { type: strategy.split(':')[0], field: strategy.split(':')[1] }] } : {}),
        ...(constraint === 'distinctInstance' ? { placementConstraints: [{ type: 'distinctInstance' }] } : constraint ? { placementConstraints: [{ type: 'memberOf', expression: constraint }] } : {}),
      };
      const overrides: Record<string, unknown> = {
        ...(get('cpu') ? { cpu: get('cpu') } : {}), ...(get('memory') ? { memory: get('memory') } : {}),
        ...(container && (command || environment.length) ? { containerOverrides: [{ name: container, ...(command ? { command } : {}), ...(environment.length ? { environment } : {}) }] } : {}),
      };
      if (Object.keys(overrides).length) req.overrides = overrides;
      setResult(await ecs('RunTask', req));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card run-task" onSubmit={submit} aria-labelledby="run-title">
      <h2 id="run-title">Run new task</h2>
      <div class="grid">
        <label>Family
          <select name="family" value={family} onChange={(e) => setFamily((e.currentTarget as HTMLSelectElement).value)} required>
            {families.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>Revision
          <select name="revision" value={revision} onChange={(e) => setRevision((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">Latest</option>
            {revisions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <label>Number of tasks<input name="count" type="number" min={1} max={10} defaultValue="1" /></label>
        <label>Launch type
          <select name="launchType"><option value="EC2">EC2</option><option value="EXTERNAL">EXTERNAL</option></select>
        </label>
        <label>Placement strategy
          <select name="strategy">
            <option value="">None</option>
            <option value="spread:attribute:ecs.availability-zone">Spread across zones</option>
            <option value="spread:instanceId">Spread across instances</option>
            <option value="binpack:memory">Binpack on memory</option>
            <option value="binpack:cpu">Binpack on CPU</option>
            <option value="random">Random</option>
          </select>
        </label>
        <label>Placement constraint
          <input name="constraint" list="constraint-kinds" placeholder="distinctInstance, or a memberOf expression" />
          <datalist id="constraint-kinds"><option value="distinctInstance" /></datalist>
        </label>
        <label>Container to override
          <select name="container">
            <option value="">None</option>
            {(definition?.containerDefinitions ?? []).map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
        </label>
        <label>Command override<input name="command" placeholder='["sh","-c","echo hi"] or words' /></label>
        <label>Environment overrides<textarea name="environment" rows={2} placeholder="KEY=VALUE, one a line" /></label>
        <label>Task CPU override (units)<input name="cpu" inputMode="numeric" /></label>
        <label>Task memory override (MiB)<input name="memory" inputMode="numeric" /></label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !family}>Run task</button>
        <button type="button" onClick={close}>Close</button>
      </div>
      <ErrorText error={error} />
      {result && (
        <div class="result" aria-live="polite">
          {(result.tasks ?? []).length > 0 && <p>Started: {(result.tasks ?? []).map((t) => <a key={t.taskArn} class="started" href={href('clusters', cluster, 'tasks', shortId(t.taskArn))}>{shortId(t.taskArn)} </a>)}</p>}
          {(result.failures ?? []).length > 0 && (
            <div>
              <h3>Placement failures</h3>
              <ul class="failures">
                {(result.failures ?? []).map((f, i) => <li key={i}><strong>{f.reason}</strong> {f.arn ? shortId(f.arn) : ''}{f.detail ? `: ${f.detail}` : ''}</li>)}
              </ul>
            </div>
          )}
        </div>
      )}
    </form>
  );
}
