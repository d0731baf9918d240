// Page checks: what a browser under the sites' CSP would refuse or fail to load, with the line it is on.
import { describe, expect, it } from 'vitest';
import { htmlProblems, localTarget, referenceExists } from '../../src/checks/html';

const existing = referenceExists(new Set(['index.html', 'styles.css', 'src/main.js', 'img/logo.svg', 'worker.js']));

describe('htmlProblems', () => {
  it('passes a page whose references all exist and that has nothing inline', () => {
    const page = [
      '<!doctype html>',
      '<html><head><link rel="stylesheet" href="styles.css"><script type="module" src="./src/main.js"></script>',
      '<script type="application/ld+json">{"@type": "WebSite"}</script></head>',
      '<body><img src="/img/logo.svg" alt=""><a href="#top">Top</a><a href="https://example.com">Out</a>',
      '<a href="/">Home</a><form action="/api/entries"></form><img src="data:image/png;base64,AA==" alt=""></body></html>',
    ].join('\n');
    expect(htmlProblems(page, 'index.html', existing)).toEqual([]);
  });

  it('reports a missing script and stylesheet with their line and column', () => {
    const page = '<!doctype html>\n<link rel="stylesheet" href="style.css">\n<script type="module" src="src/app.js"></script>\n';
    expect(htmlProblems(page, 'index.html', existing)).toEqual([
      { path: 'index.html', line: 2, column: 24, message: 'href="style.css" on <link>: there is no file style.css' },
      { path: 'index.html', line: 3, column: 23, message: 'src="src/app.js" on <script>: there is no file src/app.js' },
    ]);
  });

  it('reports inline scripts, styles, style attributes, handlers and javascript: URLs, which the CSP blocks', () => {
    const page = [
      '<script>alert(1)</script>',
      '<style>h1 { color: red; }</style>',
      '<h1 style="color: red">Hi</h1>',
      '<button onclick="go()">Go</button>',
      '<a href="javascript:void(0)">x</a>',
    ].join('\n');
    expect(htmlProblems(page, 'index.html', existing).map((problem) => [problem.line, problem.message.split(':')[0]])).toEqual([
      [1, 'Inline <script>'],
      [2, 'Inline <style>'],
      [3, 'style="…" on <h1>'],
      [4, 'onclick="…" on <button>'],
      [5, 'href="javascript'],
    ]);
  });

  it('reports elements that do not close, as the fixers read them', () => {
    expect(htmlProblems('<main>\n<div>\n</main>\n', 'index.html', existing)).toEqual([
      { path: 'index.html', line: 2, column: 1, message: '<div> is not closed before </main> on line 3' },
    ]);
  });

  it('resolves references from the page’s folder, and does not read attributes inside a script', () => {
    expect(localTarget('../styles.css?v=2#x', 'blog/post.html')).toBe('styles.css');
    expect(localTarget('./', 'blog/post.html')).toBe('blog/index.html');
    expect(localTarget('mailto:a@example.com', 'index.html')).toBeNull();
    const page = '<script src="src/main.js"></script><script type="module">\n</script>\n<p>a < b, "<img src=x>" is text in a script only</p>';
    expect(htmlProblems('<script type="text/plain">const s = "<img src=missing.png>";</script>', 'index.html', existing).map((problem) => problem.message)).toEqual([
      "Inline <script>: the site's CSP runs only scripts from files; move it into a .js file and load it with src",
    ]);
    expect(htmlProblems(page, 'index.html', existing).map((problem) => problem.message)).toEqual(['src="x" on <img>: there is no file x']);
  });
});
