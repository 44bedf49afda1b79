// berth lint -f FILE [--strict]: a task definition file against ECS's best practices (core's taskdef-lint.ts),
// read locally (no call). Exit codes as kubectl diff's: 0 nothing to report (or warnings without --strict), 1
// warnings with --strict, 2 an error (the file unreadable or not a task definition). register prints the same
// warnings on stderr.
import { isBerthError, lintTaskDefinition, type LintWarning, type RegisterTaskDefinitionRequest, type TaskDefinition } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { readInput } from '../input.js';
import { render, table } from '../output.js';

const COLUMNS = [
  { header: 'RULE', get: (w: LintWarning) => w.rule },
  { header: 'FIELD', get: (w: LintWarning) => w.field },
  { header: 'WARNING', get: (w: LintWarning) => w.message },
  { header: 'FIX', get: (w: LintWarning) => w.fix, wide: true },
];

/** One line per warning, for stderr beside another command's output. */
export const warningLines = (ws: LintWarning[]) => ws.map((w) => `warning: ${w.message} [${w.rule}: ${w.fix}]\n`).join('');

export function lint(ctx: CommandContext, file: string, strict: boolean): number {
  let req: RegisterTaskDefinitionRequest;
  try {
    req = readInput<RegisterTaskDefinitionRequest>(file, 'RegisterTaskDefinitionRequest');
  } catch (e) {
    // An error is exit 2 here (1 means "warnings found"), as kubectl diff's.
    if (isBerthError(e)) throw new UsageError(`${e.ecsName}: ${e.message}${e.field ? ` (field: ${e.field})` : ''}`);
    throw e;
  }
  const warnings = lintTaskDefinition(req as TaskDefinition);
  ctx.out(render(ctx.output, warnings, (wide) => (warnings.length ? table(warnings, COLUMNS, wide) : 'No warnings.\n')));
  return strict && warnings.length > 0 ? 1 : 0;
}
