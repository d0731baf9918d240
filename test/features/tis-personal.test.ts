// Personal apps: every template renders the project's name and description, escaped for each file.
import { env } from 'cloudflare:workers';
import { Parser } from 'acorn';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../src/engine/offline/generate';
import { ideaName } from '../../src/engine/offline/compose-template';
import { appIdentity, cutAtWord, personalise } from '../../src/engine/offline/personalise';
import { shopProducts } from '../../src/engine/offline/seed';
import { CATALOG, findTemplate } from '../../src/templates/catalog';
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

describe('seed content in the idea\'s domain', () => {
  it('sells mugs in a shop for handmade mugs, not knives and candles', async () => {
    const template = findTemplate('product-catalog')!;
    const templateFiles = await loadTemplateFiles(env.ASSETS, template.id);
    const step = template.steps.find((candidate) => candidate.files.includes('products.json'))!;
    const project = { name: 'Kiln & Co.', description: 'A shop for handmade mugs' };
    const [products] = renderStep({ project, template, templateFiles, plan: { features: [], techStack: [] }, step, files: [], otherPaths: [] })
      .filter((file) => file.path === 'products.json')
      .map((file) => JSON.parse(file.content) as { id: string; name: string; description: string; price: number }[]);
    expect(products!.length).toBeGreaterThanOrEqual(4);
    for (const product of products!) {
      expect(product.name.toLowerCase()).toContain('mug');
      expect(product.name).not.toMatch(/knife|candle/i);
      expect(product.price).toBeGreaterThan(0);
    }
    expect(products!.some((product) => product.description.includes('handmade mug'))).toBe(true);
    expect(new Set(products!.map((product) => product.id)).size).toBe(products!.length);
  });

  it("keeps the template's own range when the idea names nothing the table knows", () => {
    expect(shopProducts('An online store for my brand')).toBeUndefined();
  });

  it('names an idea from its first clause, cut at a word', () => {
    expect(ideaName('I want a recipe box for my family. It has tags.')).toBe('Recipe box for my family');
    expect(ideaName(`A ${'supercalifragilistic '.repeat(3)}tracker`)).toBe('Supercalifragilistic supercalifragilistic supercalifragilistic tracker');
    const long = ideaName('Extraordinarily-long-hyphenated-words-everywhere here and there and over there again');
    expect(long!.length).toBeLessThanOrEqual(80);
    expect('Extraordinarily-long-hyphenated-words-everywhere here and there and over there again'.startsWith(long!)).toBe(true);
    expect(long!.endsWith(' ')).toBe(false);
  });
});

describe.each(CATALOG.map((template) => [template.id, template] as const))('template %s, personalised', (_id, template) => {
  it("shows the project's name as title and main heading, its description as tagline, and leaves no placeholder", async () => {
    const project = { name: NAME, description: DESCRIPTION };
    const templateFiles = await loadTemplateFiles(env.ASSETS, template.id);
    const files = template.steps.flatMap((step) =>
      renderStep({ project, template, templateFiles, plan: { features: template.features, techStack: template.techStack }, step, files: [], otherPaths: [] }),
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
