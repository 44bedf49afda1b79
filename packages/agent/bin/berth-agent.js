#!/usr/bin/env node
// Small committed launcher: npm links a workspace bin only if the file exists at install time.
// A promise nobody awaited failed: log it as one JSON line and exit non-zero (70, EX_SOFTWARE) rather than run on unsure.
process.on('unhandledRejection', (e) => { process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'unhandled promise rejection: exiting', component: 'berth-agent', error: String(e?.stack ?? e) }) + '\n'); process.exit(70); });
// An agent idles most of its life, on machines as small as a Pi (docs/agent.md, "Memory"): V8's young generation
// keeps its first size instead of growing to fit start-up's burst of allocation and never giving it back, and
// V8 favours size over speed. Its optimizing compilers (TurboFan, Maglev, Sparkplug) stay off: what they
// compile at start-up and the memory they hold on to cost about 13 MiB of idle RSS, and starting 20 tasks took
// no more CPU without them (the interpreter alone, as --jitless; that flag cannot be set at run time).
// Set here, before anything is loaded, so that every way of starting the agent (systemd, image, `make up`) has them.
const { setFlagsFromString } = await import("node:v8");
// V8 before 11 (Node 18, Debian 12's) has no Maglev and prints "unrecognized flag" for it.
const maglev = Number(process.versions.v8.split(".")[0]) >= 11 ? ["--no-maglev"] : [];
for (const flag of ["--semi-space-growth-factor=1", "--optimize-for-size", "--no-opt", ...maglev, "--no-sparkplug"]) setFlagsFromString(flag);
// Imported after the handler is installed (a static import would run main first).
await import("../dist/src/main.js");
