// DOM glue for the link-in-bio page: renders the links from src/links.js, the avatar, and a remembered light/dark theme.
import { initials, validateLinks } from './lib/links.js';
import { LINKS } from './links.js';

const THEME_KEY = 'link-in-bio.theme';
const $ = (selector) => document.querySelector(selector);

function setTheme(theme) {
  document.body.dataset.theme = theme;
  $('#theme').setAttribute('aria-pressed', String(theme === 'dark'));
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage blocked: the theme lasts this visit
  }
}

$('#avatar').textContent = initials($('h1').textContent);
try {
  $('#links').replaceChildren(...validateLinks(LINKS).map((link) => {
    const item = document.createElement('li');
    const anchor = document.createElement('a');
    anchor.href = link.url;
    anchor.rel = 'noopener noreferrer';
    anchor.textContent = link.title;
    if (link.network) {
      const badge = document.createElement('span');
      badge.className = 'network';
      badge.textContent = link.network;
      anchor.append(badge);
    }
    item.append(anchor);
    return item;
  }));
} catch (error) {
  $('#error').textContent = `The links in src/links.js need fixing: ${error.message}`;
  $('#error').hidden = false;
}

let saved = null;
try {
  saved = localStorage.getItem(THEME_KEY);
} catch {
  // storage blocked: follow the system
}
document.body.dataset.theme = saved ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
$('#theme').setAttribute('aria-pressed', String(document.body.dataset.theme === 'dark'));
$('#theme').addEventListener('click', () => setTheme(document.body.dataset.theme === 'dark' ? 'light' : 'dark'));
