// The Studio at `/`: its page for its own paths under its own CSP, its built files, the dev key
// offered to the local page only, and the sites it previews framed by the API's origin alone.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { API, call, createUser, deployProject, generateProject } from '../helpers';

/** The Worker with one setting changed, as `npm run dev` would start it. */
const withSettings = (settings: Record<string, string>) => (path: string, headers: Record<string, string> = {}) =>
  createApp().request(path.startsWith('http') ? path : API + path, { headers }, { ...env, ...settings });

describe('the Studio page', () => {
  it('answers / and its own paths with the same page, under a CSP that allows only its origin and the sites domain', async () => {
    const pages = await Promise.all(['/', '/usage', '/projects', '/projects/019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7b/chat'].map((path) => call(path)));
    const bodies = await Promise.all(pages.map((page) => page.text()));
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const csp = page.headers.get('content-security-policy')!;
      for (const directive of ["script-src 'self'", "style-src 'self'", "connect-src 'self'", 'frame-src http://*.localhost:8787 https://*.localhost:8787', "frame-ancestors 'none'"]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toContain('unsafe-inline');
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('<title>Promptax Studio</title>');
  });

  it('has no inline script or style, and serves every file the page names from its own origin', async () => {
    const html = await (await call('/')).text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    const files = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(file).toMatch(/^\/studio\/assets\//);
      const response = await call(file);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript|css/);
    }
  });

  it('answers a Studio file that does not exist with a 404 problem', async () => {
    const response = await call('/studio/assets/nothing-here.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('leaves /api and other paths to the API: an unknown one is still a 404 problem', async () => {
    expect((await call('/projectsx')).status).toBe(404);
    expect((await call('/api/nothing')).headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the dev key', () => {
  const KEY = 'ptx_offered_by_npm_run_dev';
  const sameOrigin = { 'Sec-Fetch-Site': 'same-origin' };

  it('is given to a page of localhost when npm run dev offers one, and never stored by a cache', async () => {
    const response = await withSettings({ STUDIO_DEV_KEY: KEY })('/studio/dev-key', sameOrigin);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ key: KEY });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('is not offered by a Worker that npm run dev did not start', async () => {
    const response = await call('/studio/dev-key', { headers: sameOrigin });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('is not given to a generated site on *.localhost, to a request that is not from a page, or on another host', async () => {
    const dev = withSettings({ STUDIO_DEV_KEY: KEY });
    const answers = await Promise.all([
      dev('/studio/dev-key', { 'Sec-Fetch-Site': 'same-site' }),
      dev('/studio/dev-key', { 'Sec-Fetch-Site': 'cross-site' }),
      dev('/studio/dev-key'),
      dev('https://promptax.example.com/studio/dev-key', sameOrigin),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204, 204]);
  });

  it('is not part of the API description', async () => {
    const document = (await (await call('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/studio'))).toEqual([]);
  });
});

it('lets a live site be framed by the API origin, where the Studio previews it, and by no other', async () => {
  const user = await createUser();
  const project = await generateProject(user, 'todo-list');
  const live = await deployProject(user, project.id);
  expect(live.status).toBe('live');
  const page = await call(live.url!);
  expect(page.status).toBe(200);
  const ancestors = page.headers.get('content-security-policy')!.split(';').map((directive) => directive.trim()).filter((directive) => directive.startsWith('frame-ancestors'));
  expect(ancestors).toEqual(['frame-ancestors http://localhost:8787']);
});
