// The console's page: sign in, then the view the address names. Every value from the cluster is rendered
// by Preact as text (never as HTML: no dangerouslySetInnerHTML anywhere in the app).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentSession, signIn, signOut, whenSignedOut, type SessionInfo } from './api.js';
import { ErrorText } from './components/error.js';
import { href, useRoute } from './router.js';
import { ClustersView } from './views/clusters.js';
import { ClusterView } from './views/cluster.js';
import { TaskView } from './views/task.js';
import { ServiceView } from './views/service.js';
import { TaskDefinitionsView } from './views/task-definitions.js';

function SignIn({ done }: { done(s: SessionInfo): void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setBusy(true);
    try {
      const s = await signIn(String(data.get('accessKeyId') ?? ''), String(data.get('secretAccessKey') ?? ''));
      form.reset(); // the secret leaves the page once signed in
      done(s);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <h1>Berth</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <label>Access key ID<input name="accessKeyId" autoComplete="username" required spellcheck={false} /></label>
        <label>Secret access key<input name="secretAccessKey" type="password" autoComplete="current-password" required /></label>
        <button type="submit" disabled={busy}>Sign in</button>
        <ErrorText error={error} />
      </form>
      <p class="hint">Use an access key of a Berth user (<code>berth create access-key</code>); the secret opens a session on the server and is not kept in the browser.</p>
    </main>
  );
}

function App() {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const route = useRoute();
  useEffect(() => {
    whenSignedOut(() => setSession(null));
    void currentSession().then((s) => setSession(s ?? null));
  }, []);
  if (session === undefined) return <main><p>Loading…</p></main>;
  if (session === null) return <SignIn done={setSession} />;
  return (
    <div class="app">
      <header>
        <nav aria-label="Main">
          <a href={href()} class="brand">Berth</a>
          <a href={href()} aria-current={route.view === 'clusters' ? 'page' : undefined}>Clusters</a>
          <a href={href('taskdefs')} aria-current={route.view === 'taskdefs' ? 'page' : undefined}>Task definitions</a>
        </nav>
        <div class="who">
          <span>{session.userName}</span>
          <button type="button" onClick={() => void signOut().finally(() => setSession(null))}>Sign out</button>
        </div>
      </header>
      <main>
        {route.view === 'clusters' && <ClustersView />}
        {route.view === 'cluster' && <ClusterView key={route.cluster} cluster={route.cluster} tab={route.tab} />}
        {route.view === 'task' && <TaskView key={route.task} cluster={route.cluster} task={route.task} />}
        {route.view === 'service' && <ServiceView key={route.service} cluster={route.cluster} service={route.service} />}
        {route.view === 'taskdefs' && <TaskDefinitionsView family={route.family} />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
