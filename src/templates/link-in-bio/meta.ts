import type { TemplateMeta } from '../types';

const M = 'src/lib/links.js';

export const meta: TemplateMeta = {
  id: 'link-in-bio',
  name: 'Link in Bio',
  category: 'marketing',
  description:
    'A link-in-bio page: your name, a short bio and an avatar over a stack of big, tappable links (website, shop, newsletter, socials) with the network named, a light/dark switch that is remembered, and links kept in one small file to edit.',
  tagline: 'Everything I make, in one place.',
  features: ['profile', 'link-list', 'network-badges', 'theme-switch', 'mobile-first'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'link in bio', 'linktree', 'link tree', 'links page', 'bio link', 'bio page', 'social links', 'creator page', 'instagram bio',
    'tiktok bio', 'personal links', 'link hub', 'all my links', 'profile page', 'beacons',
  ],
  steps: [
    {
      title: 'Link rules',
      description: 'Pure functions in src/lib/links.js: web address normalisation, the social network of a link, link validation and avatar initials.',
      files: [M],
      dependsOn: [],
      features: ['link-list', 'network-badges', 'profile'],
    },
    {
      title: 'Your links',
      description: 'src/links.js: the links shown, in order.',
      files: ['src/links.js'],
      dependsOn: [],
      features: ['link-list'],
    },
    {
      title: 'Page and styles',
      description: 'The page: avatar, name and bio, the link stack and the theme switch, in light and dark.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['profile', 'link-list', 'theme-switch', 'mobile-first'],
    },
    {
      title: 'Render the page',
      description: 'src/main.js renders the checked links with their network, the avatar, and remembers the theme.',
      files: ['src/main.js'],
      dependsOn: ['Link rules', 'Your links', 'Page and styles'],
      features: ['profile', 'link-list', 'network-badges', 'theme-switch'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'normalizeUrl',
      cases: [
        { name: 'adds https', args: ['example.com/shop'], expected: 'https://example.com/shop' },
        { name: 'keeps http', args: ['http://example.com'], expected: 'http://example.com/' },
        { name: 'rejects javascript', args: ['javascript:alert(1)'], throws: 'Not a web address: javascript:alert(1)' },
        { name: 'rejects a word', args: ['hello'], throws: 'Not a web address: hello' },
      ],
    },
    {
      module: M,
      export: 'networkOf',
      cases: [
        { name: 'Instagram with www', args: ['https://www.instagram.com/kiln'], expected: 'Instagram' },
        { name: 'a subdomain', args: ['https://kiln.substack.com'], expected: 'Substack' },
        { name: 'not a network', args: ['https://example.com'], expected: null },
        { name: 'a look-alike is not', args: ['https://notgithub.com/x'], expected: null },
      ],
    },
    {
      module: M,
      export: 'validateLinks',
      cases: [
        { name: 'titles trimmed, addresses completed, networks named', args: [[{ title: ' Shop ', url: 'example.com/shop' }, { title: 'Code', url: 'https://github.com/me' }]], expected: [{ title: 'Shop', url: 'https://example.com/shop', network: null }, { title: 'Code', url: 'https://github.com/me', network: 'GitHub' }] },
        { name: 'rejects a link without a title', args: [[{ title: ' ', url: 'example.com' }]], throws: 'link 1: title must be 1-60 characters' },
        { name: 'rejects a bad address', args: [[{ title: 'x', url: 'ftp://files' }]], throws: 'Not a web address: ftp://files' },
      ],
    },
    {
      module: M,
      export: 'initials',
      cases: [
        { name: 'two words', args: ['Kiln & Co.'], expected: 'KC' },
        { name: 'one word', args: ['maya'], expected: 'M' },
        { name: 'accents', args: ['Élodie Durand'], expected: 'ÉD' },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'see the links with their networks and switch to the dark theme',
    steps: [
      { expectCount: '#links a', count: 6 },
      { expectText: '#links', text: 'Newsletter' },
      { expectText: '#links', text: 'Instagram' },
      { click: '#theme' },
      { expectCount: '#theme[aria-pressed="true"]', count: 1 },
    ],
  },
};
