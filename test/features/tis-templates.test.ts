// Template files are static assets, not Worker code: complete for every template, and never public.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/templates/catalog';
import { loadTemplateFiles, templatePaths } from '../../src/templates/files';
import { call } from '../helpers';

describe('template files in the static assets', () => {
  it.each(CATALOG.map((template) => [template.id, template] as const))('%s: the assets hold exactly the files its steps write', async (id, template) => {
    const files = await loadTemplateFiles(env.ASSETS, id);
    expect(Object.keys(files).sort()).toEqual(templatePaths(template));
    expect(files['index.html']).toContain('{{app.name}}');
  });

  it.each(CATALOG.map((template) => [template.id] as const))('%s: each file is self-contained, with the shared parts it imports written in', async (id) => {
    const files = await loadTemplateFiles(env.ASSETS, id);
    for (const [path, content] of Object.entries(files)) {
      // A generated app has only its own files: an import that leaves them would fail when served.
      expect(content, path).not.toMatch(/(?:@import|from|#include file=)\s*(?:url\()?["'](?:\.\.\/)+shared\//);
      // The base leaves the accent to each app: a stylesheet that uses it defines it.
      if (path.endsWith('.css') && content.includes('var(--accent)')) expect(content, path).toMatch(/--accent\s*:/);
    }
    // The shared head, written in: one title and one description, each the project's.
    expect(files['index.html']!.match(/<title>|<meta name="description"/g)).toEqual(['<title>', '<meta name="description"']);
    expect(files['index.html']).toContain('<meta name="description" content="{{app.tagline}}">');
    if (files['worker.js']?.includes('export default serve(route);')) expect(files['worker.js']).toMatch(/^function serve\(route\) \{$/m);
  });

  it('are not served to the public, from the API host or a site host', async () => {
    expect((await call('/_templates/todo-list.json')).status).toBe(404);
    expect((await call('http://d-000000000000.localhost:8787/_templates/todo-list.json')).status).toBe(404);
  });

  it('name an unknown template in the error instead of answering empty files', async () => {
    await expect(loadTemplateFiles(env.ASSETS, 'no-such-template')).rejects.toThrow('Template no-such-template has no files');
  });
});
