// Runs a scale hook (issue 22 §6; core/capacity/scale-hooks.ts): the executable NAME in --scale-hooks-dir,
// or a POST to the hook's URL if --hook-url-allow allows it (checked again at each call: the configuration
// may have changed since the hook was created). The request is JSON on stdin or in the body. Each attempt
// has the hook's timeout; a failed one is retried with a doubling back-off; the outcome is written as the
// hook's last call (its audit record and its idempotence: the same desired count and machines are not
// asked for twice) and logged.
import { spawn } from 'node:child_process';
import { constants, accessSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutboundUrl, scaleHookBackoffMs, scaleHookCallDue, type ScaleHookCall, type ScaleHookRequest } from '@berth/core';
import type { ServerContext } from '../context.js';
import { getScaleHookCall, putScaleHookCall, type ScaleHookRecord } from '../state/scale-hooks.js';

/** The server's hook configuration (--scale-hooks-dir, --hook-url-allow). */
export interface ScaleHookSettings {
  /** Absent: no command hooks. */
  dir?: string;
  /** Allowed URL prefixes (core parseUrlAllowList); empty: no webhooks. */
  urlAllow: string[];
  /** First retry's wait (default 1 s), doubling up to backoffMaxMs (default 30 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A failed call is asked for again after this (default 60 s). */
  failedRetryAfterSeconds?: number;
}

/** What keeps at most this much of a command's stderr for the call's message. */
const MESSAGE_BYTES = 512;

/** Why the hook cannot be called as configured now, or undefined. */
export function scaleHookUnusable(settings: ScaleHookSettings | undefined, hook: Pick<ScaleHookRecord, 'name' | 'url'>): string | undefined {
  if (hook.url !== undefined) {
    const check = checkOutboundUrl(hook.url, settings?.urlAllow ?? []);
    return check.ok ? undefined : check.reason;
  }
  if (settings?.dir === undefined) return 'the server has no --scale-hooks-dir, where a command hook must be';
  try {
    accessSync(join(settings.dir, hook.name), constants.X_OK);
    return undefined;
  } catch {
    return `there is no executable ${hook.name} in the server's --scale-hooks-dir`;
  }
}

/** One attempt: resolves with undefined on success, else the reason. */
function runCommand(path: string, body: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    // No shell, no arguments from the API, a minimal environment: the hook is the operator's program.
    const child = spawn(path, [], { stdio: ['pipe', 'ignore', 'pipe'], detached: true, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString('utf8')).slice(-MESSAGE_BYTES); });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); resolve(e.message); });
    // 'exit', not 'close': a machine the hook starts in the background may keep the pipe open.
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      child.stderr!.destroy();
      if (code === 0) resolve(undefined);
      else resolve(`${signal === 'SIGKILL' ? `timed out after ${timeoutMs / 1000} s` : signal ? `killed by ${signal}` : `exited with ${code}`}${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
    });
    child.stdin!.on('error', () => {});
    child.stdin!.end(body);
  });
}

/**
 * One POST of JSON to an operator's hook URL (scale hooks here, deployment hooks in
 * controllers/leader/lifecycle-hooks.ts), within `timeoutMs`, never following a redirect (it could lead
 * outside the allowed URLs). The caller checks the URL against --hook-url-allow first. Answers the status
 * and up to `maxBytes` of the body, or why there is none.
 */
export async function postHookJson(url: string, body: string, timeoutMs: number, maxBytes = 64 * 1024): Promise<{ ok: true; status: number; text: string } | { ok: false; reason: string }> {
  try {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    let text = '';
    if (res.body) {
      const decoder = new TextDecoder();
      for await (const chunk of res.body) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        if (text.length > maxBytes) {
          text = text.slice(0, maxBytes);
          break;
        }
      }
    }
    return { ok: true, status: res.status, text };
  } catch (e) {
    return { ok: false, reason: (e as Error).name === 'TimeoutError' ? `timed out after ${timeoutMs / 1000} s` : String((e as Error).message ?? e) };
  }
}

async function postWebhook(url: string, body: string, timeoutMs: number): Promise<string | undefined> {
  const res = await postHookJson(url, body, timeoutMs, 0);
  if (!res.ok) return res.reason;
  return res.status >= 200 && res.status < 300 ? undefined : `answered ${res.status}`;
}

/**
 * Calls the hook for `req` unless its last call already asked for the same (answers that call then).
 * Never throws for the hook's failure: the answer says Failed, with why.
 */
export async function callScaleHook(ctx: ServerContext, settings: ScaleHookSettings | undefined, hook: ScaleHookRecord, req: ScaleHookRequest): Promise<ScaleHookCall & { called: boolean }> {
  const removing = req.instancesToRemove.map((i) => i.containerInstanceArn);
  const last = (await getScaleHookCall(ctx.store, hook.name))?.value;
  if (!scaleHookCallDue(last, { desiredCount: req.desiredCount, instancesToRemove: removing }, ctx.now(), settings?.failedRetryAfterSeconds ?? 60)) return { ...last!, called: false };
  const body = JSON.stringify(req);
  let attempts = 0;
  let failure: string | undefined;
  for (;;) {
    attempts++;
    // Checked at every attempt: the configuration may have changed since the hook was created.
    failure = scaleHookUnusable(settings, hook);
    if (failure !== undefined) break;
    failure = hook.url !== undefined ? await postWebhook(hook.url, body, hook.timeoutSeconds * 1000) : await runCommand(join(settings!.dir!, hook.name), body, hook.timeoutSeconds * 1000);
    if (failure === undefined || attempts > hook.retries) break;
    await new Promise((r) => setTimeout(r, scaleHookBackoffMs(attempts, settings?.backoffBaseMs ?? 1000, settings?.backoffMaxMs ?? 30_000)));
  }
  const call: ScaleHookCall = {
    desiredCount: req.desiredCount, instancesToRemove: removing, status: failure === undefined ? 'Succeeded' : 'Failed', attempts, at: ctx.now(),
    ...(failure !== undefined ? { message: failure } : {}),
  };
  await putScaleHookCall(ctx.store, hook.name, call);
  const fields = { hook: hook.name, capacityProvider: req.capacityProvider, desiredCount: req.desiredCount, instancesToRemove: removing, attempts };
  if (failure === undefined) ctx.log.info('scale hook called', fields);
  else ctx.log.warn('scale hook failed', { ...fields, error: failure });
  return { ...call, called: true };
}
