/** Colour theme choice: a saved preference wins, otherwise the system setting. */

const THEMES = ['light', 'dark'];

/** The theme to show: resolveTheme(null, true) === 'dark'; an unknown saved value is ignored. */
export function resolveTheme(saved, prefersDark) {
  if (THEMES.includes(saved)) return saved;
  return prefersDark ? 'dark' : 'light';
}

/** The other theme: toggleTheme('light') === 'dark'. */
export function toggleTheme(theme) {
  return theme === 'dark' ? 'light' : 'dark';
}
