// What the local endpoints ask Docker: a container's inspect facts (cached briefly, so a burst of metadata
// requests is one inspect) and its one-shot stats. (The bridge address is bridge-address.ts.)
import type Docker from 'dockerode';
import { factsFromInspect, type ContainerFacts } from './task-metadata.js';

export class DockerFacts {
  private readonly docker: Docker;
  private readonly ttlMs: number;
  private readonly cache = new Map<string, { at: number; facts: Promise<ContainerFacts | undefined> }>();

  constructor(docker: Docker, opts: { ttlMs?: number } = {}) {
    this.docker = docker;
    this.ttlMs = opts.ttlMs ?? 1000;
  }

  /** A container's facts; undefined when Docker does not know it (or does not answer). */
  facts(id: string, fresh = false): Promise<ContainerFacts | undefined> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && !fresh && now - hit.at < this.ttlMs) return hit.facts;
    const facts = this.docker.getContainer(id).inspect().then((i) => factsFromInspect(i as unknown as Record<string, unknown>), () => undefined);
    this.cache.set(id, { at: now, facts });
    if (this.cache.size > 1000) for (const [k, v] of this.cache) if (now - v.at >= this.ttlMs) this.cache.delete(k);
    return facts;
  }

  /** Facts of several containers, as a lookup. */
  async many(ids: string[]): Promise<(id: string) => ContainerFacts | undefined> {
    const got = new Map<string, ContainerFacts | undefined>();
    await Promise.all(ids.map(async (id) => got.set(id, await this.facts(id))));
    return (id) => got.get(id);
  }

  /** Docker's stats JSON for one container (`docker stats --no-stream`). */
  async stats(id: string): Promise<Record<string, unknown>> {
    return (await this.docker.getContainer(id).stats({ stream: false })) as unknown as Record<string, unknown>;
  }
}
