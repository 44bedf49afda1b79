// A bin's flags: node's parseArgs, strict, with -h/--help printing the usage and exit 0, and a bad flag
// printing the error and the usage and exit 2 (the CLI convention for usage errors).
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Help = { help: { type: 'boolean'; short: 'h' } };
type Flags<O extends Options> = ReturnType<typeof parseArgs<{ options: O & Help; strict: true }>>['values'];

export function parseFlags<O extends Options>(options: O, usage: string): Flags<O> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(usage + '\n');
    process.exit(0);
  }
  return values as Flags<O>;
}
