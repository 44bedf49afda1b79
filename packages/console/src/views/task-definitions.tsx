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

/** The revision `name` describes, or undefined while it loads; an answer for a name no longer asked for is dropped. */
function useRevision(name: string, setError: (err: unknown) => void): [TaskDefinition | undefined, (td: TaskDefinition) => void] {
  const [td, setTd] = useState<TaskDefinition | undefined>();
  useEffect(() => {
    setTd(undefined);
    if (!name) return;
    let current = true;
    void ecs<{ taskDefinition: TaskDefinition }>('DescribeTaskDefinition', { taskDefinition: name }).then(
      (r) => current && setTd(r.taskDefinition),
      (err) => current && setError(err),
    );
    return () => void (current = false);
  }, [name]);
  return [td, setTd];
}

function Family({ family }: { family: string }) {
  const [revisions, setRevisions] = useState<string[]>([]);
  // The names chosen, each described by its own request: the latest revision once the list arrives, and
  // whichever one to compare with, independently (neither answer can undo the other).
  const [shownName, setShownName] = useState('');
  const [againstName, setAgainstName] = useState('');
  const [error, setError] = useState<unknown>();
  const [shown, setShown] = useRevision(shownName, setError);
  const [against] = useRevision(againstName, setError);
  const [may, setMay] = useState<Record<string, boolean>>({});
  useEffect(() => {
    void ecs<{ taskDefinitionArns?: string[] }>('ListTaskDefinitions', { familyPrefix: family, sort: 'DESC', maxResults: 100 }).then((r) => {
      const names = (r.taskDefinitionArns ?? []).map(shortId).filter((n) => n.replace(/:\d+$/, '') === family);
      setRevisions(names);
      setShownName(names[0] ?? '');
    }, setError);
  }, [family]);
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
          <select value={shownName} onChange={(e) => setShownName((e.currentTarget as HTMLSelectElement).value)}>
            {revisions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <label>Compare with
          <select value={againstName} onChange={(e) => setAgainstName((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">Nothing</option>
            {revisions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="button" class="danger" disabled={!may.DeregisterTaskDefinition || shown?.status !== 'ACTIVE'} onClick={() => void deregister()}>Deregister</button>
      </div>
      {/* Nothing until the revision has arrived: an empty JSON block would read as an empty definition. */}
      {shownName && !shown && <p class="hint" role="status">Loading {shownName}…</p>}
      {shown && <p>Status: {shown.status}</p>}
      {shown && (against
        ? <pre class="json diff" aria-label="Differences" tabIndex={0}>{diffLines(pretty(editable(against)).split('\n'), lines).map((d, i) => <div key={i} class={d.kind}>{d.kind === 'added' ? '+ ' : d.kind === 'removed' ? '- ' : '  '}{d.text}</div>)}</pre>
        : <pre class="json" aria-label="Task definition JSON" tabIndex={0}>{lines.join('\n')}</pre>)}
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
