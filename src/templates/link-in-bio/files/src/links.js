// The links this page shows, top to bottom: edit titles and addresses to your own.
export const LINKS = [
  { title: 'My website', url: 'https://example.com' },
  { title: 'Latest project', url: 'https://example.com/projects/latest' },
  { title: 'Newsletter', url: 'https://example.substack.com' },
  { title: 'Instagram', url: 'https://www.instagram.com/example' },
  { title: 'YouTube', url: 'https://www.youtube.com/@example' },
  { title: 'Say hello', url: 'https://example.com/contact' },
];
