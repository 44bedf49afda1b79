// The generated files (protos, model data and types, proto types) are what `make gen` makes from the
// committed botocore models: a model changed or added without regenerating fails here.
import t from 'tap';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function run(script: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [`${root}scripts/${script}`, '--check'], { cwd: root, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

t.test('gen-model --check: protos, model data and types are current', async (t) => {
  const r = await run('gen-model.mjs');
  t.equal(r.code, 0, r.out);
});

t.test('gen-proto-types --check: the proto types are current', async (t) => {
  const r = await run('gen-proto-types.mjs');
  t.equal(r.code, 0, r.out);
});
