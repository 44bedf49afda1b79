// An action table whose handlers take the server context first (ctx, request, call), bound to one context.
import type { ApiModel } from '@berth/core';
import type { ActionTable, CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';

export type ContextHandler = (ctx: ServerContext, req: never, call: CallContext) => Promise<unknown>;

export function boundTable(api: ApiModel, ctx: ServerContext, handlers: Record<string, ContextHandler | undefined>): ActionTable {
  const bound: ActionTable['handlers'] = {};
  for (const [action, fn] of Object.entries(handlers)) if (fn) bound[action] = (req, call) => fn(ctx, req as never, call);
  return { api, handlers: bound };
}
