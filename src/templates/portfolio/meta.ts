import type { TemplateMeta } from '../types';

const tidal = { title: 'Tidal', year: 2024, tags: ['design', 'web'] };
const kiln = { title: 'Kiln', year: 2023, tags: ['design'] };
const quill = { title: 'Quill', year: 2021, tags: ['web', 'accessibility'] };
const contact = { name: 'Ada', email: 'ada@example.com', message: 'Hello there, Alex!' };

export const meta: TemplateMeta = {
  id: 'portfolio',
  name: 'Personal portfolio',
  category: 'portfolio',
  description:
    'A one-page personal portfolio: an about section, a projects grid loaded from projects.json with tag filter buttons, a validated contact form that prepares a mailto message, and a light/dark theme toggle remembered in localStorage.',
  tagline: 'Selected work, and how to get in touch.',
  features: ['about-section', 'projects-grid', 'tag-filter', 'contact-form', 'form-validation', 'theme-toggle', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'portfolio',
    'personal website',
    'personal site',
    'resume',
    'cv',
    'showcase',
    'homepage',
    'about me',
    'freelancer',
    'designer portfolio',
    'developer portfolio',
    'projects',
    'work samples',
    'landing page',
    'bio',
  ],
  steps: [
    {
      title: 'Portfolio logic',
      description:
        'Pure modules for the project list (tags with counts, tag filter, newest-first order, count labels), contact validation with a mailto builder, and theme resolution.',
      files: ['src/lib/projects.js', 'src/lib/contact.js', 'src/lib/theme.js'],
      dependsOn: [],
      features: ['tag-filter', 'form-validation', 'theme-toggle'],
    },
    {
      title: 'Content and layout',
      description: 'The about section, projects and contact markup, six sample projects in projects.json, and light and dark styles.',
      files: ['index.html', 'styles.css', 'projects.json', 'favicon.svg'],
      dependsOn: [],
      features: ['about-section', 'projects-grid', 'contact-form'],
    },
    {
      title: 'Interactions',
      description:
        'Loads projects.json into the grid, builds the tag filter buttons, validates the contact form with inline errors, and toggles and remembers the theme.',
      files: ['src/main.js'],
      dependsOn: ['Portfolio logic', 'Content and layout'],
      features: ['projects-grid', 'tag-filter', 'contact-form', 'theme-toggle', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: 'src/lib/projects.js',
      export: 'collectTags',
      cases: [
        {
          name: 'counts tags alphabetically',
          args: [[tidal, kiln, quill]],
          expected: [
            { tag: 'accessibility', count: 1 },
            { tag: 'design', count: 2 },
            { tag: 'web', count: 2 },
          ],
        },
        { name: 'a repeated tag on one project counts once', args: [[{ tags: ['web', 'web'] }]], expected: [{ tag: 'web', count: 1 }] },
        { name: 'no projects, no tags', args: [[]], expected: [] },
      ],
    },
    {
      module: 'src/lib/projects.js',
      export: 'filterByTag',
      cases: [
        { name: 'keeps matching projects in order', args: [[tidal, kiln, quill], 'web'], expected: [tidal, quill] },
        { name: 'all keeps everything', args: [[tidal, kiln], 'all'], expected: [tidal, kiln] },
        { name: 'null keeps everything', args: [[kiln], null], expected: [kiln] },
        { name: 'an unknown tag matches nothing', args: [[tidal, kiln], 'video'], expected: [] },
      ],
    },
    {
      module: 'src/lib/projects.js',
      export: 'sortProjects',
      cases: [
        { name: 'newest first', args: [[quill, tidal, kiln]], expected: [tidal, kiln, quill] },
        {
          name: 'same year by title',
          args: [[{ title: 'Zephyr', year: 2024 }, { title: 'Atlas', year: 2024 }]],
          expected: [{ title: 'Atlas', year: 2024 }, { title: 'Zephyr', year: 2024 }],
        },
        { name: 'empty list', args: [[]], expected: [] },
      ],
    },
    {
      module: 'src/lib/projects.js',
      export: 'projectCountLabel',
      cases: [
        { name: 'singular', args: [1], expected: '1 project' },
        { name: 'plural', args: [6], expected: '6 projects' },
        { name: 'zero is plural', args: [0], expected: '0 projects' },
      ],
    },
    {
      module: 'src/lib/contact.js',
      export: 'isEmail',
      cases: [
        { name: 'a plain address', args: ['ada@example.com'], expected: true },
        { name: 'subdomains and plus tags', args: ['ada+work@mail.example.co.uk'], expected: true },
        { name: 'missing domain dot', args: ['ada@localhost'], expected: false },
        { name: 'spaces are not allowed', args: ['ada lovelace@example.com'], expected: false },
        { name: 'not a string', args: [null], expected: false },
      ],
    },
    {
      module: 'src/lib/contact.js',
      export: 'validateContact',
      cases: [
        {
          name: 'valid input is trimmed',
          args: [{ name: '  Ada ', email: ' ada@example.com ', message: '  Hello there, Alex!  ' }],
          expected: { valid: true, values: contact, errors: {} },
        },
        {
          name: 'empty form reports every field',
          args: [{ name: '', email: '', message: '' }],
          expected: {
            valid: false,
            values: { name: '', email: '', message: '' },
            errors: {
              name: 'Please enter your name.',
              email: 'Please enter a valid email address.',
              message: 'Please write at least 10 characters.',
            },
          },
        },
        {
          name: 'a short message alone',
          args: [{ name: 'Bo', email: 'bo@example.org', message: 'Hi!' }],
          expected: {
            valid: false,
            values: { name: 'Bo', email: 'bo@example.org', message: 'Hi!' },
            errors: { message: 'Please write at least 10 characters.' },
          },
        },
        {
          name: 'missing fields count as empty',
          args: [{ email: 'bo@example.org', message: 'A long enough message' }],
          expected: {
            valid: false,
            values: { name: '', email: 'bo@example.org', message: 'A long enough message' },
            errors: { name: 'Please enter your name.' },
          },
        },
      ],
    },
    {
      module: 'src/lib/contact.js',
      export: 'buildMailto',
      cases: [
        {
          name: 'encodes subject and body',
          args: ['hello@example.com', contact],
          expected:
            'mailto:hello@example.com?subject=Hello%20from%20Ada&body=Hello%20there%2C%20Alex!%0A%0A%E2%80%94%20Ada%20%3Cada%40example.com%3E',
        },
        {
          name: 'escapes ampersands so they cannot add parameters',
          args: ['me@example.com', { name: 'Tom & Jerry', email: 'tj@example.com', message: 'cc=x' }],
          expected: 'mailto:me@example.com?subject=Hello%20from%20Tom%20%26%20Jerry&body=cc%3Dx%0A%0A%E2%80%94%20Tom%20%26%20Jerry%20%3Ctj%40example.com%3E',
        },
        { name: 'rejects a bad recipient', args: ['nobody', contact], throws: 'invalid recipient: nobody' },
      ],
    },
    {
      module: 'src/lib/theme.js',
      export: 'resolveTheme',
      cases: [
        { name: 'saved preference wins', args: ['light', true], expected: 'light' },
        { name: 'system dark without a saved value', args: [null, true], expected: 'dark' },
        { name: 'system light without a saved value', args: [null, false], expected: 'light' },
        { name: 'an unknown saved value is ignored', args: ['sepia', true], expected: 'dark' },
      ],
    },
    {
      module: 'src/lib/theme.js',
      export: 'toggleTheme',
      cases: [
        { name: 'light to dark', args: ['light'], expected: 'dark' },
        { name: 'dark to light', args: ['dark'], expected: 'light' },
        { name: 'anything else becomes dark', args: ['sepia'], expected: 'dark' },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'filter the work by a tag, then send the contact form',
    steps: [
      { click: '#tag-filters [data-tag="accessibility"]' },
      { expectCount: '#projects-grid li.project', count: 2 },
      { expectText: '#project-count', text: '2 projects' },
      { fill: '#contact-name', value: 'Ada' },
      { fill: '#contact-email', value: 'ada@example.com' },
      { fill: '#contact-message', value: 'I would love to work with you on a new site.' },
      { click: '#contact-form button[type="submit"]' },
      { expectText: '#contact-status', text: 'Thanks, Ada!' },
    ],
  },
};
