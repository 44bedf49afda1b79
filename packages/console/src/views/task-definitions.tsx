// Task definitions: the families, a family's revisions, a revision's JSON, the diff between two revisions;
// register a revision from JSON or YAML (as `aws ecs register-task-definition --cli-input-json` takes it),
// deregister one.
import { useEffect, useState } from 'preact/hooks';
import type { TaskDefinition } from '@berth/core';
import { ecs, permissions } from '../api.js';
import { ErrorText } from '../components/error.js';
import { VirtualList } from '../components/virtual-list.js';
import { diffLines } from '../diff.js';
import { pretty, shortId } from '../format.js';
import { usePaged } from '../paged.js';
import { href } from '../router.js';

/** What DescribeTaskDefinition adds that a registration does not take: left out of the JSON shown and diffed. */
const READ_ONLY = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt'];
const editable = (td: TaskDefinition) => Object.fromEntries(Object.entries(td).filter(([k]) => !READ_ONLY.includes(k)));

function Register({ done }: { done(family: string): void }) {
  const [error, setError] = useState<unknown>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const text = String(new FormData(e.currentTarget as HTMLFormElement).get('definition') ?? '');
      // YAML is a superset of JSON: one parser takes both (loaded when first needed: most pages never do).
      const { parse } = await import('yaml');
      const req = parse(text) as Record<string, unknown>;
      const r = await ecs<{ taskDefinition?: TaskDefinition }>('RegisterTaskDefinition', req);
      done(r.taskDefinition?.family ?? '');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="register-title">
      <h2 id="register-title">Register a revision</h2>
      <label>Task definition (JSON or YAML)<textarea name="definition" rows={12} spellcheck={false} required /></label>
      <div class="actions"><button type="submit" class="primary">Register</button></div>
      <ErrorText error={error} />
    </form>
  );
}

function Family({ family }: { family: string }) {
  const [revisions, setRevisions] = useState<string[]>([]);
  const [shown, setShown] = useState<TaskDefinition | undefined>();
  const [against, setAgainst] = useState<TaskDefinition | undefined>();
  const [error, setError] = useState<unknown>();
  const [may, setMay] = useState<Record<string, boolean>>({});
  const load = () => {
    void ecs<{ taskDefinitionArns?: string[] }>('ListTaskDefinitions', { familyPrefix: family, sort: 'DESC', maxResults: 100 }).then((r) => {
      const names = (r.taskDefinitionArns ?? []).map(shortId).filter((n) => n.replace(/:\d+$/, '') === family);
      setRevisions(names);
      if (names[0]) void show(names[0]);
    }, setError);
  };
  const describe = async (name: string) => (await ecs<{ taskDefinition: TaskDefinition }>('DescribeTaskDefinition', { taskDefinition: name })).taskDefinition;
  const show = async (name: string) => {
    try {
      setShown(await describe(name));
      setAgainst(undefined);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(load, [family]);
  useEffect(() => void permissions().then(setMay, () => setMay({})), []);
  const deregister = async () => {
    if (!shown) return;
    try {
      setShown((await ecs<{ taskDefinition: TaskDefinition }>('DeregisterTaskDefinition', { taskDefinition: `${shown.family}:${shown.revision}` })).taskDefinition);
    } catch (err) {
      setError(err);
    }
  };
  const lines = shown ? pretty(editable(shown)).split('\n') : [];
  return (
    <div>
      <h2>{family}</h2>
      <ErrorText error={error} />
      <div class="toolbar">
        <label>Revision
          <select value={shown ? `${shown.family}:${shown.revision}` : ''} onChange={(e) => void show((e.currentTarget as HTMLSelectElement).value)}>
            {revisions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <label>Compare with
          <select value={against ? `${against.family}:${against.revision}` : ''} onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            if (v) void describe(v).then(setAgainst, setError);
            else setAgainst(undefined);
          }}>
            <option value="">Nothing</option>
            {revisions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="button" class="danger" disabled={!may.DeregisterTaskDefinition || shown?.status !== 'ACTIVE'} onClick={() => void deregister()}>Deregister</button>
      </div>
      {shown && <p>Status: {shown.status}</p>}
      {against
        ? <pre class="json diff" aria-label="Differences" tabIndex={0}>{diffLines(pretty(editable(against)).split('\n'), lines).map((d, i) => <div key={i} class={d.kind}>{d.kind === 'added' ? '+ ' : d.kind === 'removed' ? '- ' : '  '}{d.text}</div>)}</pre>
        : <pre class="json" aria-label="Task definition JSON" tabIndex={0}>{lines.join('\n')}</pre>}
    </div>
  );
}

export function TaskDefinitionsView({ family }: { family?: string }) {
  const [registering, setRegistering] = useState(false);
  // Each registration shows the family afresh (its new revision first).
  const [registered, setRegistered] = useState(0);
  const families = usePaged<string>(async (nextToken) => {
    const r = await ecs<{ families?: string[]; nextToken?: string }>('ListTaskDefinitionFamilies', { maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    return { items: r.families ?? [], ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
  }, []);
  return (
    <section aria-labelledby="taskdefs-title">
      <h1 id="taskdefs-title">Task definitions</h1>
      <div class="toolbar"><button type="button" class="primary" onClick={() => setRegistering(!registering)}>Register a revision</button></div>
      {registering && <Register done={(f) => {
        setRegistering(false);
        setRegistered((n) => n + 1);
        families.reload();
        location.hash = href('taskdefs', f);
      }} />}
      <ErrorText error={families.error} />
      <div class="split">
        <VirtualList label="Families" items={families.items} itemKey={(f) => f} hasMore={families.hasMore} onEndReached={families.loadMore} rowHeight={40} height={400}
          onOpen={(f) => (location.hash = href('taskdefs', f))}
          row={(f) => <a href={href('taskdefs', f)} aria-current={f === family ? 'page' : undefined}>{f}</a>} />
        {family !== undefined && <Family key={`${family}/${registered}`} family={family} />}
      </div>
    </section>
  );
}
