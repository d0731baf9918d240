// Projects: the list, and a new one from an idea, showing the template that fits it (and how well)
// before anything is built.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, describeError } from '../api';
import type { Api } from '../api';
import { Link, navigate } from '../router';
import type { BuildPlan, Fit, Project, TemplateMatch } from '../types';

/** A project's name from its idea when none is given: "a habit tracker" becomes "A habit tracker". */
const nameOf = (idea: string) => {
  const line = idea.trim().split('\n')[0]!.slice(0, 60);
  return line.charAt(0).toUpperCase() + line.slice(1);
};

/** How well the template fits: the server's own word when it gives one, else from `matched` and the score. */
const fitOf = (match: TemplateMatch): Fit => match.fit ?? (match.matched ? 'exact' : match.score > 0 ? 'partial' : 'none');

const FIT_WORDS: Record<Fit, string> = {
  exact: 'fits the idea',
  partial: 'fits part of the idea',
  none: 'does not fit the idea: it is only the nearest template',
};

export function ProjectsScreen({ api }: { api: Api }) {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.json<Project[]>('/api/projects?limit=200').then(setProjects, (failure) => setError(describeError(failure)));
  }, [api]);

  return (
    <main>
      <h1>Projects</h1>
      <NewProject api={api} />
      <section aria-labelledby="your-projects">
        <h2 id="your-projects">Your projects</h2>
        {error && <p role="alert" className="error">{error}</p>}
        {projects === null && !error && <p>Loading…</p>}
        {projects?.length === 0 && <p>None yet: describe an idea above.</p>}
        {projects && projects.length > 0 && (
          <ul className="cards">
            {projects.map((project) => (
              <li key={project.id}>
                <Link href={`/projects/${project.id}`}>{project.name}</Link>
                <span className={`badge ${project.status}`}>{project.status}</span>
                <p>{project.description}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function NewProject({ api }: { api: Api }) {
  const [idea, setIdea] = useState('');
  const [name, setName] = useState('');
  const [match, setMatch] = useState<TemplateMatch | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Set when the plan was refused because the template does not fit: building it needs a yes. */
  const [needsConsent, setNeedsConsent] = useState(false);
  /** The project made for this idea, so that planning again does not make a second one. */
  const [projectId, setProjectId] = useState<string | null>(null);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  const findTemplate = (event: FormEvent) => {
    event.preventDefault();
    setNeedsConsent(false);
    setProjectId(null);
    void run(async () => setMatch(await api.json<TemplateMatch>('/api/tis/match', { json: { description: idea.trim() } })));
  };

  const create = (allowPartial: boolean) =>
    run(async () => {
      const id = projectId ?? (await api.json<Project>('/api/projects', { json: { name: name.trim() || nameOf(idea), description: idea.trim() } })).id;
      setProjectId(id);
      try {
        // A designed template is not in the catalog: the plan then matches the same description itself.
        const template = match!.source === 'catalog' ? { templateId: match!.template.id } : {};
        await api.json<BuildPlan>(`/api/projects/${id}/plans`, { json: { ...template, ...(allowPartial ? { allowPartial } : {}) } });
      } catch (failure) {
        // The project exists; without a plan it waits in the list, so nothing is lost.
        if (failure instanceof ApiError && failure.status === 422) setNeedsConsent(true);
        throw failure;
      }
      navigate(`/projects/${id}`);
    });

  return (
    <section aria-labelledby="new-project">
      <h2 id="new-project">New project</h2>
      <form onSubmit={findTemplate} className="stack">
        <label htmlFor="idea">Your idea</label>
        <textarea id="idea" rows={3} placeholder="a habit tracker" value={idea} onChange={(event) => setIdea(event.target.value)} required />
        <label htmlFor="project-name">Name (optional)</label>
        <input id="project-name" value={name} placeholder={idea.trim() ? nameOf(idea) : 'Streaks'} onChange={(event) => setName(event.target.value)} />
        <button type="submit" disabled={busy || idea.trim() === ''}>
          Find a template
        </button>
      </form>
      {match && (
        <div className="match" aria-live="polite">
          <h3>
            {match.template.name} <span className={`badge fit-${fitOf(match)}`}>{FIT_WORDS[fitOf(match)]}</span>
          </h3>
          <p>
            Score {Math.round(match.score * 100)}%. {match.template.description}
          </p>
          {match.missingFeatures && match.missingFeatures.length > 0 && <p>Missing: {match.missingFeatures.join(', ')}.</p>}
          <p>Features: {match.template.features.join(', ')}.</p>
          <button type="button" onClick={() => void create(false)} disabled={busy}>
            Create and plan it
          </button>
          {needsConsent && (
            <button type="button" onClick={() => void create(true)} disabled={busy}>
              Build the nearest template anyway
            </button>
          )}
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
