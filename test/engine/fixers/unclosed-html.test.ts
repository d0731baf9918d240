// The unclosed-html rule: an element left open is closed where the document says it ends, and nothing else moves.
import { describe, expect, it } from 'vitest';
import { fixUnclosedHtml } from '../../../src/engine/offline/fixers/unclosed-html';
import { fixInput } from './input';

const html = (...lines: string[]) => fixInput(lines.join('\n') + '\n', { language: 'html', path: 'public/index.html', error: { message: '<div> is not closed' } });
const text = (...lines: string[]) => lines.join('\n') + '\n';

describe('fixUnclosedHtml', () => {
  it('closes an inline element before the end tag on its line', () => {
    expect(fixUnclosedHtml(html('<p>Hello <b>world</p>'))).toEqual([
      { code: text('<p>Hello <b>world</b></p>'), explanation: 'Closed <b> from line 1 before </p> on line 1.', rule: 'unclosed-html' },
    ]);
  });

  it('closes a block element after the lines indented under it', () => {
    const fixed = fixUnclosedHtml(html('<main>', '  <section>', '    <h1>Todos</h1>', '    <ul id="list"></ul>', '', '  <footer>x</footer>', '</main>'));
    expect(fixed[0]?.code).toBe(text('<main>', '  <section>', '    <h1>Todos</h1>', '    <ul id="list"></ul>', '  </section>', '', '  <footer>x</footer>', '</main>'));
  });

  it('closes an element at the end of its line when its content is there', () => {
    expect(fixUnclosedHtml(html('<div>', '  <span>Total: 3', '</div>'))[0]?.code).toBe(text('<div>', '  <span>Total: 3</span>', '</div>'));
  });

  it('closes an element open at the end of the document', () => {
    expect(fixUnclosedHtml(html('<body>', '  <div class="app">', '    <p>Hi</p>'))[0]?.code).toBe(text('<body>', '  <div class="app">', '    <p>Hi</p>', '  </div>'));
  });

  it('removes an end tag that closes nothing, and repairs every problem in one candidate', () => {
    const fixed = fixUnclosedHtml(html('<nav><a href="/">Home</nav>', '</div>', '<em>x'));
    expect(fixed[0]?.code).toBe(text('<nav><a href="/">Home</a></nav>', '<em>x</em>'));
  });

  it('leaves void elements, optional end tags and script text alone', () => {
    expect(fixUnclosedHtml(html('<ul><li>a<li>b</ul>', '<img src="a.png"><br>', '<script>if (a < b) {}</script>'))).toEqual([]);
  });

  it('proposes nothing for other languages', () => {
    expect(fixUnclosedHtml(fixInput('const a = "<div>";\n'))).toEqual([]);
  });
});
