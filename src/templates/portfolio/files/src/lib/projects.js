/** Project list rules: tag collection, filtering, ordering and count labels. */

/** Unique tags with how many projects carry each, alphabetical: collectTags([{ tags: ['b', 'a'] }]) → [{ tag: 'a', count: 1 }, { tag: 'b', count: 1 }]. */
export function collectTags(projects) {
  const counts = new Map();
  for (const project of projects) {
    for (const tag of new Set(project.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([tag, count]) => ({ tag, count }));
}

/** Projects carrying `tag`, or all of them for 'all' or null, keeping their order. */
export function filterByTag(projects, tag) {
  if (tag === null || tag === 'all') return projects;
  return projects.filter((project) => project.tags.includes(tag));
}

/** Newest first, then by title: sortProjects([{ title: 'B', year: 2021 }, { title: 'A', year: 2024 }]) puts A first. */
export function sortProjects(projects) {
  return [...projects].sort((a, b) => b.year - a.year || a.title.localeCompare(b.title, 'en'));
}

/** Count with the right noun: projectCountLabel(1) === '1 project'. */
export function projectCountLabel(count) {
  return `${count} ${count === 1 ? 'project' : 'projects'}`;
}
