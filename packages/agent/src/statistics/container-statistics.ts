// One container's figures from Docker's one-shot stats JSON, on either cgroup layout (Docker fills the same
// JSON from cgroup v1 or v2 files; the memory counters differ in name): CPU used, memory used as `docker
// stats` and ECS count it (usage minus the inactive file cache: total_inactive_file on v1, inactive_file on
// v2), its limit, network and block I/O bytes. Pure; fixtures of both layouts in test/fixtures/docker-stats.
import type { ContainerUsage } from '@berth/core';

interface DockerStats {
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
}

/** Docker reports "no limit" as the largest page-aligned int64 (v1) or the host's memory: both pass through. */
export function containerStatistics(json: unknown): ContainerUsage {
  const s = json as DockerStats;
  const mem = s.memory_stats ?? {};
  // v1 names the hierarchical counter total_inactive_file; v2 has only inactive_file.
  const inactiveFile = mem.stats?.total_inactive_file ?? mem.stats?.inactive_file ?? 0;
  const usage = mem.usage ?? 0;
  const io = (op: string) => (s.blkio_stats?.io_service_bytes_recursive ?? []).filter((e) => e.op?.toLowerCase() === op).reduce((n, e) => n + (e.value ?? 0), 0);
  const nets = Object.values(s.networks ?? {});
  return {
    cpuSeconds: (s.cpu_stats?.cpu_usage?.total_usage ?? 0) / 1e9,
    memoryBytes: Math.max(0, usage - (inactiveFile < usage ? inactiveFile : 0)),
    memoryLimitBytes: mem.limit ?? 0,
    networkRxBytes: nets.reduce((n, x) => n + (x.rx_bytes ?? 0), 0),
    networkTxBytes: nets.reduce((n, x) => n + (x.tx_bytes ?? 0), 0),
    blockReadBytes: io('read'),
    blockWriteBytes: io('write'),
  };
}
