// Parts of the agent's dependencies that an idle agent never uses are loaded only when first used, not at
// start (docs/agent.md, "Memory"). Each is required at the top of a module the agent does use, so it would load
// with it:
//  - docker-modem's SSH transport (lib/ssh.js loads ssh2, which instantiates WebAssembly and its crypto at
//    load: about 4 MiB of an idle agent's RSS) and dockerode's BuildKit session (lib/session.js, a second
//    @grpc/proto-loader): the agent talks to Docker over its Unix socket and never builds an image;
//  - dockerode's build-context packing (tar-fs and @balena/dockerignore, required by lib/util.js: tar-stream,
//    bl and readable-stream with them), which the agent never calls either;
//  - docker-modem's duplex for a hijacked connection (lib/http_duplex.js, readable-stream): `berth exec`'s
//    stdin only;
//  - prom-client's @opentelemetry/api (51 modules), read only when a metric has exemplars, which none has.
// Imported first by main.ts, before anything imports these: it puts a stand-in for each file in CommonJS's
// module cache, which require() then returns; the stand-in loads the real file on first call or first read.
import { createRequire, Module } from 'node:module';

const fromAgent = createRequire(import.meta.url);
const dockerode = createRequire(fromAgent.resolve('dockerode'));
const modem = createRequire(dockerode.resolve('docker-modem'));
const promClient = createRequire(fromAgent.resolve('prom-client'));
// prom-client requires it from lib/metrics/processCpuTotal.js: resolved from there, in case it is nested.
const promMetrics = createRequire(promClient.resolve('./lib/metrics/processCpuTotal.js'));

/** Puts `exports(load)` in require's cache as `file`; `load` requires the real file (once). */
function defer(file: string, exports: (load: () => any) => unknown): void {
  const cache = fromAgent.cache;
  if (cache[file]) return;
  let real: any;
  const load = () => {
    if (real === undefined) {
      delete cache[file];
      real = fromAgent(file);
    }
    return real;
  };
  const standIn = new Module(file) as Module & { filename: string; loaded: boolean };
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = exports(load);
  cache[file] = standIn;
}

/** A module that exports one function (or constructor, called with `new`). */
function deferFunction(file: string): void {
  defer(file, (load) => function deferred(this: unknown, ...args: unknown[]) {
    return new.target ? Reflect.construct(load(), args) : load().apply(this, args);
  });
}

/** A module that exports an object: its members are read from the real one. */
function deferObject(file: string): void {
  defer(file, (load) => new Proxy({}, {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    // Reported configurable: the stand-in's target ({}) does not hold them (a Proxy's invariant).
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
  }));
}

// Each require is made from a module's main file (docker-modem/lib/modem.js, dockerode/lib/docker.js and
// lib/util.js, prom-client's lib/metrics/processCpuTotal.js).
deferFunction(modem.resolve('./ssh.js'));
deferFunction(modem.resolve('./http_duplex.js'));
deferFunction(dockerode.resolve('./session.js'));
deferObject(dockerode.resolve('tar-fs'));
deferFunction(dockerode.resolve('@balena/dockerignore'));
deferObject(promMetrics.resolve('@opentelemetry/api'));
