// The error of a task the agent cannot run as given, shared by the pure builders (container-spec.ts,
// links.ts, volumes.ts) and the engine, which reports its `reason`.

/** A task the agent cannot run as given; `reason` is ECS's "<ErrorName>: <message>". */
export class TaskSpecError extends Error {
  constructor(readonly errorName: string, message: string) {
    super(message);
    this.name = errorName;
  }
  get reason(): string {
    return `${this.errorName}: ${this.message}`;
  }
}
