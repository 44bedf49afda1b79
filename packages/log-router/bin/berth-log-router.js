#!/usr/bin/env node
// Small committed launcher: npm links a workspace bin only if the file exists at install time.
// One router runs beside every FireLens task, so its RSS counts on small machines (issue 18: under 64 MiB):
// V8's young generation keeps its first size instead of growing under a burst of lines and never giving it
// back, and V8 favours size. Its optimizing compilers stay on, unlike the agent's: the router's work is
// per line. Set before anything is loaded, so the whole heap is made that way.
const { setFlagsFromString } = await import("node:v8");
for (const flag of ["--semi-space-growth-factor=1", "--optimize-for-size"]) setFlagsFromString(flag);
await import("../dist/src/main.js");
