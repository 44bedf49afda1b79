// Two parts of dockerode the agent never uses are loaded only when first called, not at start: docker-modem's
// SSH transport (lib/ssh.js loads ssh2, which instantiates WebAssembly and its crypto at load: about 4 MiB
// of an idle agent's RSS) and dockerode's BuildKit session (lib/session.js, a second @grpc/proto-loader).
// The agent talks to Docker over its Unix socket and never builds an image (docs/agent.md, "Memory").
// Imported first by main.ts, before anything imports dockerode: it puts a stand-in for each file in
// CommonJS's module cache, which require() then returns; the stand-in loads the real file on first call.
import { createRequire, Module } from 'node:module';

const fromAgent = createRequire(import.meta.url);
const dockerode = createRequire(fromAgent.resolve('dockerode'));
const modem = createRequire(dockerode.resolve('docker-modem'));

/** Puts a stand-in for `file` (a CommonJS module exporting one function) in require's cache. */
function deferFunctionModule(file: string): void {
  const cache = fromAgent.cache;
  if (cache[file]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const standIn = new Module(file) as Module & { filename: string; loaded: boolean };
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function deferred(this: unknown, ...args: unknown[]) {
    if (!real) {
      delete cache[file];
      real = fromAgent(file) as (...args: unknown[]) => unknown;
    }
    return real.apply(this, args);
  };
  cache[file] = standIn;
}

// Each require is made from a module's main file (docker-modem/lib/modem.js, dockerode/lib/docker.js).
deferFunctionModule(modem.resolve('./ssh.js'));
deferFunctionModule(dockerode.resolve('./session.js'));
