// FAKE container runtime: Docker's behaviour in memory, behind the agent's ContainerRuntime interface, for
// unit tests of the engine's failure paths that dockerd cannot be made to produce on demand (a create or
// start that fails, Docker going away and coming back, a container dying mid-start, an inspect failing
// once). Used only by tests; the real-Docker tests remain the reference for what Docker does.
import { randomBytes } from 'node:crypto';
import {
  RuntimeError,
  RuntimeUnavailableError,
  type ContainerRuntime,
  type ContainerState,
  type ContainerSummary,
  type DockerCreateOptions,
  type RuntimeEvent,
  type RuntimeVersion,
  type VolumeCreateOptions,
  type VolumeInfo,
} from '../src/runtime/runtime.js';

export type Op = 'version' | 'imageExists' | 'pull' | 'create' | 'start' | 'stop' | 'inspect' | 'remove' | 'listByLabel' | 'createVolume' | 'inspectVolume' | 'removeVolume' | 'importImage';

export interface FakeContainer {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  spec: DockerCreateOptions;
  status: 'created' | 'running' | 'exited';
  exitCode?: number;
  startedAt?: number;
  finishedAt?: number;
}

interface Subscription {
  label: string;
  value: string;
  onEvent(e: RuntimeEvent): void;
  onReconnected?(): void;
  /** The stream is open (it closes when Docker goes away, and reopens when it is back). */
  open: boolean;
  closed: boolean;
}

interface Hook {
  op: Op;
  /** before: instead of the call's effect when it throws; after: once the effect happened. */
  when: 'before' | 'after';
  times: number;
  run(arg: string): void;
}

/** Containers the daemon stops on shutdown exit with SIGTERM's code. */
const SHUTDOWN_EXIT_CODE = 143;

const tick = () => new Promise<void>((r) => setImmediate(r));

export class FakeContainerRuntime implements ContainerRuntime {
  readonly containers = new Map<string, FakeContainer>();
  readonly images = new Set<string>();
  readonly volumes = new Map<string, VolumeInfo>();
  /** Every call, in order, with its main argument (image, container id or name, volume name). */
  readonly calls: { op: Op; arg: string }[] = [];
  private readonly subs: Subscription[] = [];
  private hooks: Hook[] = [];
  private away = false;
  /** ECS container name -> exit code: the container's process exits as soon as it is started. */
  private readonly exitsOnStart = new Map<string, number>();

  constructor(images: string[] = []) {
    for (const i of images) this.images.add(i);
  }

  // --- controls ---------------------------------------------------------------------------------------------

  /** The next `times` calls of `op` fail with `error` (and have no effect). */
  failNext(op: Op, error: Error, times = 1): void {
    this.hooks.push({ op, when: 'before', times, run: () => { throw error; } });
  }

  /** Runs `fn` after the next call of `op` had its effect, before it answers (e.g. goAway: the answer is lost). */
  afterNext(op: Op, fn: (arg: string) => void): void {
    this.hooks.push({ op, when: 'after', times: 1, run: fn });
  }

  /** Containers of this ECS name exit with `code` as soon as they start (a container dying mid-start). */
  exitOnStart(containerName: string, code: number): void {
    this.exitsOnStart.set(containerName, code);
  }

  /**
   * Docker stops answering: its socket is gone (every call fails as unavailable). Event streams close too,
   * unless `streamsStayOpen` (then no reconnect is signalled when Docker is back).
   */
  goAway(opts: { streamsStayOpen?: boolean } = {}): void {
    this.away = true;
    if (!opts.streamsStayOpen) for (const s of this.subs) s.open = false;
  }

  /** Docker answers again; closed event streams reopen and say so (onReconnected). */
  comeBack(): void {
    this.away = false;
    for (const s of this.subs) {
      if (s.open || s.closed) continue;
      s.open = true;
      setImmediate(() => s.onReconnected?.());
    }
  }

  /**
   * dockerd stopping, in its order: the API socket goes first, then it stops every running container (the
   * `die` events reach streams still open when `dieEventsSeen`), then the streams close. comeBack() restarts it.
   */
  stopDaemon(opts: { dieEventsSeen: boolean }): void {
    this.goAway({ streamsStayOpen: opts.dieEventsSeen });
    for (const c of this.containers.values()) if (c.status === 'running') this.exit(c.id, SHUTDOWN_EXIT_CODE);
    for (const s of this.subs) s.open = false;
  }

  /** The container's process exits with `code` (Docker sends `die`). */
  exit(idOrName: string, code: number): void {
    const c = this.find(idOrName);
    if (!c || c.status !== 'running') throw new Error(`fake: ${idOrName} is not running`);
    c.status = 'exited';
    c.exitCode = code;
    c.finishedAt = Date.now();
    this.emit('die', c, code);
  }

  /** The containers of one ECS container name (what `docker ps -a --filter label=...` would show). */
  named(containerName: string): FakeContainer[] {
    return [...this.containers.values()].filter((c) => c.labels['com.amazonaws.ecs.container-name'] === containerName);
  }

  count(op: Op): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  // --- ContainerRuntime ---------------------------------------------------------------------------------------

  version(): Promise<RuntimeVersion> {
    return this.call('version', '', () => ({ version: 'fake', apiVersion: '1.41' }));
  }

  imageExists(image: string): Promise<boolean> {
    return this.call('imageExists', image, () => this.images.has(image));
  }

  pull(image: string): Promise<void> {
    return this.call('pull', image, () => {
      throw new RuntimeError(`pull access denied for ${image}, repository does not exist or may require 'docker login'`, 404);
    });
  }

  create(spec: DockerCreateOptions): Promise<string> {
    return this.call('create', spec.name, () => {
      if ([...this.containers.values()].some((c) => c.name === spec.name)) throw new RuntimeError(`Conflict. The container name "/${spec.name}" is already in use`, 409);
      if (!this.images.has(spec.Image)) throw new RuntimeError(`No such image: ${spec.Image}`, 404);
      const c: FakeContainer = { id: randomBytes(32).toString('hex'), name: spec.name, image: spec.Image, labels: { ...spec.Labels }, spec, status: 'created' };
      this.containers.set(c.id, c);
      this.emit('create', c);
      return c.id;
    });
  }

  start(id: string): Promise<void> {
    return this.call('start', id, () => {
      const c = this.must(id);
      if (c.status === 'running') return;
      c.status = 'running';
      c.startedAt = Date.now();
      delete c.exitCode;
      delete c.finishedAt;
      this.emit('start', c);
      const code = this.exitsOnStart.get(c.labels['com.amazonaws.ecs.container-name'] ?? '');
      if (code !== undefined) this.exit(c.id, code);
    });
  }

  stop(id: string): Promise<void> {
    return this.call('stop', id, () => {
      const c = this.must(id);
      if (c.status !== 'running') return;
      this.exit(c.id, 0);
      this.emit('stop', c);
    });
  }

  inspect(idOrName: string): Promise<ContainerState> {
    return this.call('inspect', idOrName, () => this.state(this.must(idOrName)));
  }

  remove(id: string): Promise<void> {
    return this.call('remove', id, () => {
      const c = this.find(id);
      if (!c) return;
      this.containers.delete(c.id);
      this.emit('destroy', c);
    });
  }

  listByLabel(label: string, value: string): Promise<ContainerSummary[]> {
    return this.call('listByLabel', `${label}=${value}`, () =>
      [...this.containers.values()].filter((c) => c.labels[label] === value).map((c) => ({ id: c.id, name: c.name, running: c.status === 'running', labels: { ...c.labels } })),
    );
  }

  events(label: string, value: string, onEvent: (e: RuntimeEvent) => void, onReconnected?: () => void): () => void {
    const s: Subscription = { label, value, onEvent, onReconnected, open: !this.away, closed: false };
    this.subs.push(s);
    return () => {
      s.closed = true;
      s.open = false;
    };
  }

  createVolume(spec: VolumeCreateOptions): Promise<VolumeInfo> {
    return this.call('createVolume', spec.Name, () => {
      const v = this.volumes.get(spec.Name) ?? { name: spec.Name, driver: spec.Driver ?? 'local', options: spec.DriverOpts ?? {}, labels: spec.Labels ?? {} };
      this.volumes.set(spec.Name, v);
      return v;
    });
  }

  inspectVolume(name: string): Promise<VolumeInfo> {
    return this.call('inspectVolume', name, () => {
      const v = this.volumes.get(name);
      if (!v) throw new RuntimeError(`get ${name}: no such volume`, 404);
      return v;
    });
  }

  removeVolume(name: string): Promise<void> {
    return this.call('removeVolume', name, () => void this.volumes.delete(name));
  }

  importImage(_rootfsTar: Buffer, repoTag: string): Promise<void> {
    return this.call('importImage', repoTag, () => void this.images.add(repoTag));
  }

  // --- inside ---------------------------------------------------------------------------------------------

  /** One API call: unanswered while away; hooks before (may fail it) and after its effect; answered a tick later. */
  private async call<T>(op: Op, arg: string, effect: () => T): Promise<T> {
    this.calls.push({ op, arg });
    await tick();
    this.unanswered();
    this.runHooks(op, arg, 'before');
    const out = effect();
    this.runHooks(op, arg, 'after');
    this.unanswered(); // Docker went away meanwhile: the effect happened, the answer is lost
    await tick();
    return out;
  }

  private unanswered(): void {
    if (this.away) throw new RuntimeUnavailableError('connect ENOENT /var/run/docker.sock');
  }

  private runHooks(op: Op, arg: string, when: Hook['when']): void {
    const h = this.hooks.find((x) => x.op === op && x.when === when);
    if (!h) return;
    if (--h.times <= 0) this.hooks = this.hooks.filter((x) => x !== h);
    h.run(arg);
  }

  private find(idOrName: string): FakeContainer | undefined {
    return this.containers.get(idOrName) ?? [...this.containers.values()].find((c) => c.name === idOrName);
  }

  private must(idOrName: string): FakeContainer {
    const c = this.find(idOrName);
    if (!c) throw new RuntimeError(`No such container: ${idOrName}`, 404);
    return c;
  }

  private state(c: FakeContainer): ContainerState {
    const st: ContainerState = { id: c.id, name: c.name, running: c.status === 'running', status: c.status, labels: { ...c.labels }, networkBindings: [] };
    if (c.startedAt !== undefined) st.startedAt = c.startedAt;
    if (c.finishedAt !== undefined) st.finishedAt = c.finishedAt;
    if (c.status === 'exited') st.exitCode = c.exitCode;
    return st;
  }

  private emit(action: string, c: FakeContainer, exitCode?: number): void {
    const e: RuntimeEvent = { id: c.id, action, attributes: { ...c.labels, name: c.name, image: c.image }, time: Date.now() };
    if (exitCode !== undefined) e.exitCode = exitCode;
    for (const s of this.subs) {
      if (!s.open || c.labels[s.label] !== s.value) continue;
      setImmediate(() => {
        if (!s.closed) s.onEvent(e); // sent while the stream was open: it arrives
      });
    }
  }
}
