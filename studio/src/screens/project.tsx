// One project: its header, its sections as tabs (each a path: /projects/<id>/<tab>), and the live
// preview beside them.
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api';
import type { Api } from '../api';
import type { Capabilities } from '../capabilities';
import { PreviewPane, usePreview } from '../preview';
import type { Preview } from '../preview';
import { Link } from '../router';
import type { Project } from '../types';
import { BuildTab } from './build';
import { ChatTab } from './chat';
import { ConsultantTab } from './consultant';
import { DeploymentsTab } from './deployments';
import { FilesTab } from './files';
import { TestsTab } from './tests';
import { VersionsTab } from './versions';

/** What every tab gets. */
export interface TabProps {
  api: Api;
  project: Project;
  preview: Preview;
  /** Reads the project again (its status changes as it is built). */
  reloadProject(): void;
}

const TABS = [
  { id: 'build', label: 'Build', Tab: BuildTab },
  { id: 'files', label: 'Files', Tab: FilesTab },
  { id: 'chat', label: 'Chat', Tab: ChatTab },
  { id: 'tests', label: 'Tests', Tab: TestsTab },
  { id: 'deployments', label: 'Deployments', Tab: DeploymentsTab },
  { id: 'versions', label: 'Versions', Tab: VersionsTab, needs: 'GET /api/projects/{projectId}/versions' },
  { id: 'consultant', label: 'Consultant', Tab: ConsultantTab },
];

export function ProjectScreen({ api, capabilities, projectId, tab }: { api: Api; capabilities: Capabilities; projectId: string; tab: string }) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = usePreview(api, projectId);
  const reloadProject = useCallback(() => {
    api.json<Project>(`/api/projects/${projectId}`).then(setProject, (failure) => setError(describeError(failure)));
  }, [api, projectId]);
  useEffect(reloadProject, [reloadProject]);
  // A deployment going live moves the project to `deployed`.
  const liveId = preview.live?.id;
  useEffect(() => {
    if (liveId) reloadProject();
  }, [liveId, reloadProject]);

  if (error) return <main><h1>Project</h1><p role="alert" className="error">{error}</p></main>;
  if (!project) return <main><p>Loading…</p></main>;
  const tabs = TABS.filter((candidate) => !candidate.needs || capabilities.has(candidate.needs));
  const current = tabs.find((candidate) => candidate.id === tab) ?? tabs[0]!;
  return (
    <main className="project">
      <div className="project-head">
        <h1>{project.name}</h1>
        <span className={`badge ${project.status}`}>{project.status}</span>
        <p>{project.description}</p>
      </div>
      <nav aria-label="Project" className="tabs">
        {tabs.map((candidate) => (
          <Link key={candidate.id} href={`/projects/${projectId}/${candidate.id}`} aria-current={candidate === current ? 'page' : undefined}>
            {candidate.label}
          </Link>
        ))}
      </nav>
      <div className="workspace">
        <section className="panel" aria-label={current.label}>
          <current.Tab api={api} project={project} preview={preview} reloadProject={reloadProject} />
        </section>
        <PreviewPane preview={preview} projectName={project.name} />
      </div>
    </main>
  );
}
