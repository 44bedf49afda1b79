// Entry point of the `berth` bin.
import { runCli } from './cli.js';

// grpc-js names an IP address as the TLS server name (SNI), and Node warns on every command (DEP0123):
// the certificate is still checked against that address, so the warning tells a user nothing.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code = typeof rest[0] === 'object' ? (rest[0] as { code?: string } | undefined)?.code : rest[1];
  if (code === 'DEP0123') return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

process.exitCode = await runCli(process.argv.slice(2));
