// The cluster's ECS events, newest first: the backlog the server keeps, then each new one as it commits.
import type { EcsEvent } from '../api.js';
import { ErrorText } from '../components/error.js';
import { VirtualList } from '../components/virtual-list.js';
import { useEventsChanging, type PageEvents } from '../events.js';
import { shortId, time } from '../format.js';

/** One line saying what the event says happened. */
export function eventText(e: EcsEvent): string {
  const d = e.detail;
  switch (e['detail-type']) {
    case 'ECS Task State Change': return `task ${shortId(d.taskArn)} ${d.lastStatus}${d.desiredStatus !== d.lastStatus ? ` (desired ${d.desiredStatus})` : ''}${d.stoppedReason ? `: ${d.stoppedReason}` : ''}`;
    case 'ECS Container Instance State Change': return `instance ${shortId(d.containerInstanceArn)} ${d.status}${d.agentConnected ? '' : ' (agent disconnected)'}`;
    default: return `${shortId(e.resources[0])} ${d.eventName ?? ''}${d.reason ? `: ${d.reason}` : ''}`;
  }
}

export function EventsTab({ page }: { page: PageEvents }) {
  useEventsChanging(page);
  return (
    <div>
      <p class="status" aria-live="polite">{page.live ? 'Live: new events appear as they happen.' : 'Loading the events kept…'}</p>
      <ErrorText error={page.error} />
      <VirtualList label="Events" items={page.events} itemKey={(e) => e.id} rowHeight={52}
        row={(e) => (
          <div class="cells event">
            <span class="time">{time(e.time)}</span>
            <span class="kind">{e['detail-type']}</span>
            <span class="text">{eventText(e)}</span>
          </div>
        )} />
    </div>
  );
}
