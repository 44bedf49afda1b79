// Entry point of the `berth` bin.
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2));
