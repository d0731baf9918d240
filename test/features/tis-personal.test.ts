// Personal apps: every template renders the project's name and description, escaped for each file.
import { env } from 'cloudflare:workers';
import { Parser } from 'acorn';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../src/engine/offline/generate';
import { appIdentity, cutAtWord, personalise } from '../../src/engine/offline/personalise';
import { CATALOG } from '../../src/templates/catalog';
import { loadTemplateFiles } from '../../src/templates/files';

/** A name that breaks every kind of file it is pasted into unescaped. */
const NAME = `Tom & Jo's "<Shop>" \${x} \`y\` \\`;
const DESCRIPTION = 'Homemade jam & honey, straight from the farm. We also deliver on Saturdays.';

describe('personalise', () => {
  it('escapes the name for HTML, JSON, JS and CSS, and leaves Markdown and other placeholders as they are', () => {
    const app = { name: NAME, tagline: 'line' };
    expect(personalise('a.html', '<h1>{{app.name}}</h1>', app)).toBe('<h1>Tom &amp; Jo&#39;s &quot;&lt;Shop&gt;&quot; ${x} `y` \\</h1>');
    expect(JSON.parse(personalise('a.json', '{"title": "{{ app.name }}"}', app))).toEqual({ title: NAME });
    for (const quote of ["'", '"', '`']) {
      const module = personalise('a.js', `export const title = ${quote}{{app.name}}${quote};`, app);
      expect(Parser.parse(module, { ecmaVersion: 'latest', sourceType: 'module' }).body).toHaveLength(1);
    }
    expect(personalise('a.md', '# {{app.name}} {{app.other}}', app)).toBe(`# ${NAME} {{app.other}}`);
  });

  it('cuts a long tagline at a word, never mid-word', () => {
    expect(cutAtWord('A recipe box for the whole family', 20)).toBe('A recipe box for the');
    expect(cutAtWord('Handmade mugs, bowls and plates', 14)).toBe('Handmade mugs');
    const { tagline } = appIdentity({ name: 'x', description: 'word '.repeat(100) }, 'fallback');
    expect(tagline.length).toBeLessThanOrEqual(160);
    expect(tagline.endsWith('word')).toBe(true);
  });

  it("takes the description's first sentence as tagline, and the template's line without one", () => {
    expect(appIdentity({ name: 'Jam', description: DESCRIPTION }, 'fallback').tagline).toBe('Homemade jam & honey, straight from the farm.');
    expect(appIdentity({ name: 'Jam', description: '  ' }, 'fallback').tagline).toBe('fallback');
  });
});

describe.each(CATALOG.map((template) => [template.id, template] as const))('template %s, personalised', (_id, template) => {
  it("shows the project's name as title and main heading, its description as tagline, and leaves no placeholder", async () => {
    const project = { name: NAME, description: DESCRIPTION };
    const templateFiles = await loadTemplateFiles(env.ASSETS, template.id);
    const files = template.steps.flatMap((step) =>
      renderStep({ project, template, templateFiles, plan: { features: template.features, techStack: template.techStack }, step, files: [] }),
    );
    const byPath = new Map(files.map((file) => [file.path, file.content]));
    const html = byPath.get('index.html')!;
    const escaped = 'Tom &amp; Jo&#39;s &quot;&lt;Shop&gt;&quot; ${x} `y` \\';
    expect(html).toContain(`<title>${escaped}</title>`);
    expect(html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]?.replace(/<[^>]*>/g, '').trim(), 'the first <h1>').toBe(escaped);
    expect(html).toContain('Homemade jam &amp; honey, straight from the farm.');
    for (const [path, content] of byPath) {
      expect(content, path).not.toMatch(/\{\{\s*app\./);
      if (path.endsWith('.js')) Parser.parse(content, { ecmaVersion: 'latest', sourceType: 'module' });
      if (path.endsWith('.json')) JSON.parse(content);
    }
  });
});
