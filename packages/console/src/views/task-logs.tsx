// A task's live log on its page: a container's last lines, then what it writes as it writes it, over one
// server-sent stream (the server reads it from the task's agent). Bounded: the oldest output is dropped past
// MAX_CHARS. Rendered as text; stderr is marked. Scrolled to the end, it stays at the end as lines arrive;
// scrolled up, it stays where the reader is.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { followTaskLogs } from '../api.js';
import { ErrorText } from '../components/error.js';

const TAIL = 200;
const MAX_CHARS = 256 * 1024;

interface Chunk {
  n: number;
  fd: number;
  text: string;
}

/** The chunks with `text` added, the oldest dropped past MAX_CHARS. */
export function appendOutput(chunks: Chunk[], fd: number, text: string, n: number): Chunk[] {
  const out = [...chunks, { n, fd, text }];
  let size = out.reduce((a, c) => a + c.text.length, 0);
  while (size > MAX_CHARS && out.length > 1) size -= out.shift()!.text.length;
  return out;
}

export function TaskLogs({ cluster, task, containers }: { cluster: string; task: string; containers: string[] }) {
  const [container, setContainer] = useState(containers[0] ?? '');
  const [chunks, setChunks] = useState<Chunk[]>([]);
  const [state, setState] = useState<{ following: boolean; error?: unknown }>({ following: false });
  const [attempt, setAttempt] = useState(0);
  const pre = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    if (atEnd.current && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [chunks]);
  useEffect(() => {
    if (!container) return;
    setChunks([]);
    setState({ following: true });
    let n = 0;
    return followTaskLogs(cluster, task, container, TAIL, {
      output: (fd, text) => setChunks((old) => appendOutput(old, fd, text, n++)),
      ended: (error) => setState({ following: false, ...(error ? { error } : {}) }),
    });
  }, [cluster, task, container, attempt]);
  return (
    <section aria-labelledby="logs-title">
      <h2 id="logs-title">Logs</h2>
      <div class="toolbar">
        {containers.length > 1 && (
          <label>Container
            <select value={container} onChange={(e) => setContainer((e.currentTarget as HTMLSelectElement).value)}>
              {containers.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
        )}
        <span class="status logs-status" role="status">{state.following ? 'Following' : 'Not following'}</span>
        {!state.following && <button type="button" onClick={() => setAttempt((a) => a + 1)}>Follow again</button>}
      </div>
      <ErrorText error={state.error} />
      <pre class="logs" role="log" aria-live="off" aria-label={`Log of container ${container}`} tabIndex={0} ref={pre}
        onScroll={(e) => {
          const el = e.currentTarget as HTMLPreElement;
          atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
        }}>
        {chunks.map((c) => (c.fd === 2 ? <span key={c.n} class="stderr">{c.text}</span> : c.text))}
      </pre>
    </section>
  );
}
