#!/usr/bin/env -S node --max-semi-space-size=32
// Small committed launcher: npm links a workspace bin only if the file exists at install time.
// --max-semi-space-size=32 (MiB; V8's default caps it at 16): under load the control plane allocates
// short-lived objects fast (records, events, gRPC messages), and a larger young generation lets more of
// them die before a scavenge copies them: at full placement load about a tenth less CPU per placement
// (docs/benchmarks.md, "Session 16"). V8 grows it only under such allocation, so an idle server stays small.
// The options live on this line so every way of running the bin gets them (the Debian package's
// /usr/bin/berth-server, the container image, `make up`); the benchmarks' server reads them from here.
// A promise nobody awaited failed: log it as one JSON line and exit non-zero (70, EX_SOFTWARE) rather than run on unsure.
process.on('unhandledRejection', (e) => { process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'unhandled promise rejection: exiting', component: 'berth-server', error: String(e?.stack ?? e) }) + '\n'); process.exit(70); });
// Imported after the handler is installed (a static import would run main first).
await import("../dist/src/main.js");
