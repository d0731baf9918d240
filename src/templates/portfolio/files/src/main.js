/** DOM glue: theme toggle, project grid with tag filter, and the contact form. */

import { collectTags, filterByTag, projectCountLabel, sortProjects } from './lib/projects.js';
import { buildMailto, validateContact } from './lib/contact.js';
import { resolveTheme, toggleTheme } from './lib/theme.js';

const CONTACT_ADDRESS = 'hello@example.com';
const THEME_KEY = 'portfolio-theme';
const $ = (selector) => document.querySelector(selector);
let projects = [];
let activeTag = 'all';

function readSavedTheme() {
  try {
    return localStorage.getItem(THEME_KEY);
  } catch {
    return null;
  }
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  const button = $('#theme-toggle');
  button.setAttribute('aria-pressed', String(theme === 'dark'));
  button.textContent = theme === 'dark' ? 'Light theme' : 'Dark theme';
}

function setupTheme() {
  const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  let theme = resolveTheme(readSavedTheme(), prefersDark);
  applyTheme(theme);
  $('#theme-toggle').addEventListener('click', () => {
    theme = toggleTheme(theme);
    applyTheme(theme);
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Private browsing may refuse storage; the toggle still works for this visit.
    }
  });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderProject(project) {
  const card = element('li', 'project');
  card.dataset.accent = String(project.accent);
  const thumb = element('div', 'thumb', project.title[0]);
  thumb.setAttribute('aria-hidden', 'true');
  const body = element('div', 'project-body');
  const chips = element('ul', 'chips');
  chips.setAttribute('aria-label', 'Tags');
  chips.append(...project.tags.map((tag) => element('li', '', tag)));
  body.append(element('h3', '', `${project.title} · ${project.year}`), element('p', '', project.summary), chips);
  card.append(thumb, body);
  return card;
}

function renderProjects() {
  const visible = filterByTag(projects, activeTag);
  $('#projects-grid').replaceChildren(...visible.map(renderProject));
  $('#project-count').textContent = projectCountLabel(visible.length);
  for (const button of document.querySelectorAll('#tag-filters button')) {
    button.setAttribute('aria-pressed', String(button.dataset.tag === activeTag));
  }
}

async function setupProjects() {
  const filters = $('#tag-filters');
  filters.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-tag]');
    if (!button) return;
    activeTag = button.dataset.tag;
    renderProjects();
  });
  try {
    const response = await fetch('projects.json');
    if (!response.ok) throw new Error(`status ${response.status}`);
    projects = sortProjects((await response.json()).projects);
  } catch (error) {
    $('#project-count').textContent = `Projects could not be loaded (${error.message}).`;
    return;
  }
  for (const { tag, count } of collectTags(projects)) {
    const button = element('button', '', `${tag} (${count})`);
    button.type = 'button';
    button.dataset.tag = tag;
    filters.append(button);
  }
  renderProjects();
}

function setupContact() {
  const form = $('#contact-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = validateContact({
      name: $('#contact-name').value,
      email: $('#contact-email').value,
      message: $('#contact-message').value,
    });
    for (const field of ['name', 'email', 'message']) {
      const error = result.errors[field] ?? '';
      $(`#error-${field}`).textContent = error;
      $(`#contact-${field}`).setAttribute('aria-invalid', String(Boolean(error)));
    }
    const status = $('#contact-status');
    if (!result.valid) {
      status.textContent = 'Please fix the highlighted fields.';
      form.querySelector('[aria-invalid="true"]').focus();
      return;
    }
    const link = element('a', '', 'open it in your email app');
    link.href = buildMailto(CONTACT_ADDRESS, result.values);
    status.replaceChildren(`Thanks, ${result.values.name}! Your message is ready — `, link, '.');
    form.reset();
  });
}

setupTheme();
setupContact();
setupProjects();
