// Another process's CPU time and memory, read from /proc (Linux), so a scenario can charge the control
// plane and etcd separately for the work it drove; and the etcd process that serves a store URL.
import { readFileSync, readdirSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux: /proc/PID/stat counts CPU time in 1/100 s

/** CPU time used so far by the process (all its threads), in process.cpuUsage()'s shape (µs); undefined when gone. */
export function procCpu(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { user: (Number(f[11]) * 1e6) / TICK, system: (Number(f[12]) * 1e6) / TICK };
  } catch {
    return undefined;
  }
}

/**
 * CPU time used so far by one thread of a process (Linux: /proc/PID/task/TID/stat; the main thread's id is
 * the process id), in the same shape; undefined when gone. A process's figure sums all its threads
 * (worker threads, libuv's pool, V8's GC helpers), the main thread's is its event loop's own.
 */
export function threadCpu(pid, tid = pid) {
  return procCpu(`${pid}/task/${tid}`);
}

/** A thread's context switches so far (/proc/PID/task/TID/status): voluntary (it slept) and not (it was preempted); undefined when gone. */
export function threadSwitches(pid, tid = pid) {
  try {
    const t = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    return { voluntary: Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(t)[1]), involuntary: Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(t)[1]) };
  } catch {
    return undefined;
  }
}

/** CPU time of every thread of a process so far: Map of thread id to { name, us } (name from comm). */
export function threadsCpu(pid) {
  const out = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const c = procCpu(`${pid}/task/${tid}`);
      if (!c) continue;
      let name = '?';
      try {
        name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      } catch {}
      out.set(tid, { name: tid === String(pid) ? 'main' : name, us: c.user + c.system });
    }
  } catch {}
  return out;
}

/**
 * The scheduler's view of every thread of a process so far (Linux: /proc/PID/task/TID/schedstat): Map of
 * thread id to { name, runNs, waitNs }: time on a CPU, and time runnable but waiting for one (a thread
 * that waits there is late with its work although it has not used its CPU time: the cores were busy).
 */
export function threadsSched(pid) {
  const out = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
        const name = tid === String(pid) ? 'main' : readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        out.set(tid, { name, runNs: Number(run), waitNs: Number(wait) });
      } catch {}
    }
  } catch {}
  return out;
}

/** CPU time between two procCpu()/process.cpuUsage() readings, in µs. */
export const cpuMicros = (before, after) => (after.user - before.user) + (after.system - before.system);

/** Resident set size of the process in bytes (VmRSS); undefined when gone. */
export function procRss(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The etcd process listening on the client port of an etcd://HOST:PORT URL on this machine, if found. */
export function etcdPid(url) {
  const port = /:(\d+)/.exec(url.replace('etcd://', ''))?.[1] ?? '2379';
  for (const d of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'etcd') continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const urls = cmd.find((a, i) => cmd[i - 1] === '--listen-client-urls' || a.startsWith('--listen-client-urls='));
      // The port whole: a private etcd of a test on :23790 is not the one on :2379.
      if (!urls ? port === '2379' : new RegExp(`:${port}(?!\\d)`).test(urls)) return Number(d);
    } catch {}
  }
  return undefined;
}
