#!/usr/bin/env node
// Small committed launcher: npm links a workspace bin only if the file exists at install time.
// A promise nobody awaited failed: log it as one JSON line and exit non-zero (70, EX_SOFTWARE) rather than run on unsure.
process.on('unhandledRejection', (e) => { process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'unhandled promise rejection: exiting', component: 'berth-server', error: String(e?.stack ?? e) }) + '\n'); process.exit(70); });
// Imported after the handler is installed (a static import would run main first).
await import("../dist/src/main.js");
