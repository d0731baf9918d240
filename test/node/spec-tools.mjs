// Checks of /openapi.json that need Node (Redocly's linter, openapi-typescript and the TypeScript
// compiler), offered to the tests in workerd as the SPEC_TOOLS service binding (vitest.config.ts).
// A test fetches the spec from the Worker and posts it here; the answer is JSON.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Redocly's `recommended` rules over the spec: every error and warning, one line each.
 * @param {string} spec the OpenAPI document as JSON
 * @returns {Promise<string[]>}
 */
async function lint(spec) {
  const { createConfig, lintFromString } = await import('@redocly/openapi-core');
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: spec, absoluteRef: join(root, 'openapi.json'), config });
  return problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location.map((at) => at.pointer).join(', ')}`);
}

/** The first ```ts block of the README that uses openapi-fetch: what a newcomer copies. */
async function readmeClientExample() {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]).find((code) => code.includes("from 'openapi-fetch'"));
  if (!block) throw new Error('README.md has no ```ts block that imports openapi-fetch');
  return block;
}

/**
 * Generates types from the spec with openapi-typescript, as a user would, and type-checks the
 * README's openapi-fetch example against them with the project's own `tsc`.
 * @param {string} spec the OpenAPI document as JSON
 * @returns {Promise<string[]>} the compiler's diagnostics: empty when the example type-checks
 */
async function typecheckReadme(spec) {
  const { openapiTS, astToString } = await import('@promptax/typegen');
  // Inside node_modules so that the example's imports (openapi-fetch) resolve as in a user's project.
  const dir = join(root, 'node_modules/.cache/promptax-readme-client');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'promptax-api.d.ts'), astToString(await openapiTS(JSON.parse(spec))));
  await writeFile(join(dir, 'example.ts'), await readmeClientExample());
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2024', lib: ['es2024', 'dom'], module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true, types: ['node'], skipLibCheck: true },
      files: ['example.ts'],
    }),
  );
  try {
    await promisify(execFile)(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir });
    return [];
  } catch (failed) {
    const output = /** @type {{ stdout?: string }} */ (failed).stdout ?? String(failed);
    return output.split('\n').filter(Boolean);
  }
}

/**
 * The SPEC_TOOLS binding: `POST /lint` and `POST /readme-client` with the spec as the body, each
 * answering `{ problems: string[] }`.
 * @param {Request} request
 * @returns {Promise<Response>}
 */
export async function specTools(request) {
  const spec = await request.text();
  const { pathname } = new URL(request.url);
  const check = { '/lint': lint, '/readme-client': typecheckReadme }[pathname];
  if (!check) return new Response(`No spec tool at ${pathname}`, { status: 404 });
  return Response.json({ problems: await check(spec) });
}
