// Reasons as ECS shows them ("<ErrorName>: <message>", at most 1024 characters) and error texts.

const MAX_REASON = 1024;

export const reasonOf = (name: string, msg: string): string => `${name}: ${msg}`.slice(0, MAX_REASON);

export const errMsg = (e: unknown): string => (e instanceof Error ? e.message : String(e));
