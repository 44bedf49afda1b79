// Hash routes, so the server serves one page for every view and a link is a plain <a href="#/...">:
//   #/                                    clusters
//   #/clusters/NAME[/TAB]                 a cluster (services, tasks, infrastructure, events, metrics)
//   #/clusters/NAME/tasks/ID              a task
//   #/clusters/NAME/services/NAME         a service
//   #/taskdefs[/FAMILY]                   task definitions
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { view: 'clusters' }
  | { view: 'cluster'; cluster: string; tab: string }
  | { view: 'task'; cluster: string; task: string }
  | { view: 'service'; cluster: string; service: string }
  | { view: 'taskdefs'; family?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'clusters' && parts[1] !== undefined) {
    if (parts[2] === 'tasks' && parts[3] !== undefined) return { view: 'task', cluster: parts[1], task: parts[3] };
    if (parts[2] === 'services' && parts[3] !== undefined) return { view: 'service', cluster: parts[1], service: parts[3] };
    return { view: 'cluster', cluster: parts[1], tab: parts[2] ?? 'services' };
  }
  if (parts[0] === 'taskdefs') return { view: 'taskdefs', ...(parts[1] !== undefined ? { family: parts[1] } : {}) };
  return { view: 'clusters' };
}

/** The href of a route's parts, each encoded. */
export const href = (...parts: string[]) => '#/' + parts.map(encodeURIComponent).join('/');

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
