// runSiteWorker: a deployment's worker.js serving /api/* with its project's AppData as DATA.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/lib/ids';
import { runSiteWorker } from '../../src/sandbox';
import { putBlob } from '../../src/storage/blobs';
import type { Manifest } from '../../src/storage/manifests';

const counterWorker = [
  'export default {',
  '  async fetch(request, env) {',
  "    if (new URL(request.url).pathname === '/api/wipe') return env.DATA.wipe().then(() => new Response('wiped'), (error) => new Response(error.message));",
  "    const count = ((await env.DATA.get('count')) ?? 0) + 1;",
  "    await env.DATA.put('count', count);",
  '    return Response.json({ count });',
  '  },',
  '};',
].join('\n');

async function deploy(files: Record<string, string>): Promise<Manifest> {
  const entries = await Promise.all(
    Object.entries(files).map(async ([path, content]) => {
      const { sha256, size } = await putBlob(env.FILES, content);
      return [path, { sha256, size, contentType: 'text/javascript' }] as const;
    }),
  );
  return { deploymentId: uuidv7(), projectId: uuidv7(), environment: 'preview', createdAt: new Date().toISOString(), files: Object.fromEntries(entries) };
}

describe('runSiteWorker', () => {
  it("keeps the app's data in its project's AppData, and shows it only get, put, delete and list", async () => {
    const manifest = await deploy({ 'worker.js': counterWorker, 'index.html': '<h1>Counter</h1>' });
    const call = async (path: string) => (await runSiteWorker(env, manifest, new Request(`http://site${path}`))).text();
    expect(await call('/api/count')).toBe('{"count":1}');
    expect(await call('/api/count')).toBe('{"count":2}');
    const stored = env.APP_DATA.get(env.APP_DATA.idFromName(`${manifest.projectId}:preview`));
    expect(await stored.get('count')).toBe(2);
    expect(await call('/api/wipe')).toContain('does not implement the method "wipe"');
    expect(await stored.get('count')).toBe(2);
  });

});
