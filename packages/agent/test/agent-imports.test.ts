// The agent (and the log router) loads only the modules it uses (docs/agent.md, "Memory"): followed from main.ts through every
// import that is loaded at run time (not `import type`), its module graph never reaches @berth/core's or
// @berth/api's index, which load every AWS model, nor model/apis.ts. A value import from '@berth/core' in
// the agent, or in an api module the agent uses, would put them back (about 5 MiB of idle RSS).
// The last test runs a real agent and lists the dependencies it has loaded once idle.
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT, connectedInstances, freePort, sleep, spawnAgent, startControlPlane, tmp, until } from './e2e-helpers.js';

const PACKAGES = join(REPO_ROOT, 'packages');

/** The source file a run-time import names, or undefined for a dependency outside Berth's packages. */
function sourceOf(from: string, specifier: string): string | undefined {
  const berth = /^@berth\/([^/]+)(?:\/(.+))?$/.exec(specifier);
  if (berth) return join(PACKAGES, berth[1]!, 'src', (berth[2] ?? 'index.js').replace(/\.js$/, '.ts'));
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));
  return undefined;
}

/** The imports of a file that load a module at run time: `import ... from`, `export ... from`, `import '...'`. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) if (!m[2]) out.push(m[3]!);
  return out;
}

/** Every Berth source file loaded at run time from `entry` (a path under packages/), relative to packages/. */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [join(PACKAGES, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      const src = sourceOf(file, spec);
      if (src && existsSync(src)) queue.push(src);
    }
  }
  return [...seen].map((f) => relative(PACKAGES, f));
}

const INDEX_OR_ALL_MODELS = /^(core|api)\/src\/index\.ts$|^core\/src\/model\/apis\.ts$/;

t.test('the agent\'s module graph reaches no package index and no model but those it uses', async (t) => {
  const reached = moduleGraph('agent/src/main.ts');
  t.ok(reached.length > 40, `followed the graph (${reached.length} files)`);
  t.same(reached.filter((f) => INDEX_OR_ALL_MODELS.test(f)), [], 'no index, no model/apis.ts');
  t.same(reached.filter((f) => /^core\/src\/model\//.test(f)).sort(), ['core/src/model/ecs-api.ts', 'core/src/model/shapes.ts', 'core/src/model/sts/api.ts', 'core/src/model/sts/shapes.ts'], 'ECS\'s model and STS\'s (the client\'s sts()) alone');
  // It reads task definitions, never validates one: taskdef.ts would bring the cluster query language (re2js).
  t.same(reached.filter((f) => /^core\/src\/(taskdef|query)\.ts$/.test(f)), [], 'taskdef-reads.ts, not taskdef.ts nor query.ts');
});

// The log router runs beside every FireLens task, so the same holds for it, and it needs no AWS model at all.
t.test('the log router\'s module graph reaches no package index and no model', async (t) => {
  const reached = moduleGraph('log-router/src/main.ts');
  t.ok(reached.length > 10, `followed the graph (${reached.length} files)`);
  t.same(reached.filter((f) => INDEX_OR_ALL_MODELS.test(f) || /^core\/src\/model\//.test(f)), [], 'no index, no model');
});

// What an idle agent process has loaded, as it runs (the graph above is Berth's own modules; these are their
// dependencies, some loaded only when first used): a real berth-agent, registered and connected, asked for
// its loaded CommonJS modules (every dependency is one) by a preloaded fixture. None of these may be there.
const NOT_AT_IDLE: [RegExp, string][] = [
  [/\/@grpc\/proto-loader\//, 'proto-loader (the agent reads its build-time descriptor: api/agent-protos.ts)'],
  [/\/protobufjs\/src\/(parse|tokenize)\.js$/, 'protobufjs\'s .proto parser (protobufjs/light reads the descriptor)'],
  // lazy-parts.ts's stand-ins sit in the module cache under the real files' names: what those would load is checked.
  [/\/ssh2\//, 'ssh2 (docker-modem\'s SSH transport: lazy-parts.ts)'],
  [/\/tar-stream\//, 'tar-stream (dockerode\'s build-context packing, tar-fs: lazy-parts.ts)'],
  [/\/readable-stream\//, 'readable-stream (docker-modem\'s hijacked duplex and tar-fs: lazy-parts.ts)'],
  [/\/@opentelemetry\/api\/dist\/(?!index\.cjs$)/, 'prom-client\'s @opentelemetry/api (exemplars: lazy-parts.ts)'],
];

t.test('an idle agent process loads none of what it does not use', async (t) => {
  const work = tmp('berth-imports-');
  const server = await startControlPlane({ store: `file:${join(work.dir, 'berth.db')}`, port: await freePort() });
  const cluster = `imports-${process.pid}`;
  const client = server.client();
  await client.call('CreateCluster', { clusterName: cluster });
  const out = join(work.dir, 'modules.json');
  const agent = spawnAgent({
    ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ...server.joinEnv, ECS_DATADIR: join(work.dir, 'agent'),
    NODE_OPTIONS: `--require ${REPO_ROOT}packages/agent/test/fixtures/loaded-modules.cjs`, BERTH_TEST_LOADED_MODULES: out,
  });
  t.teardown(async () => {
    agent.child.kill('SIGKILL');
    client.close();
    await server.close();
    work.cleanup();
  });
  await until('the agent connected', async () => (await connectedInstances(client, cluster)).length === 1, 60_000);
  await sleep(1000); // its first heartbeats and statistics
  agent.child.kill('SIGUSR2');
  const loaded = await until('the loaded modules', async () => (existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as string[]) : undefined));
  t.ok(loaded.some((f) => f.includes('/@grpc/grpc-js/')) && loaded.some((f) => f.includes('/dockerode/')), `read the loaded modules (${loaded.length})`);
  for (const [re, what] of NOT_AT_IDLE) t.same(loaded.filter((f) => re.test(f)).map((f) => f.slice(f.lastIndexOf('node_modules/'))), [], `not loaded: ${what}`);
});
