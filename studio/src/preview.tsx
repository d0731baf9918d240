// The live preview beside a project's screens: the project's deployments, each unfinished one
// followed over its SSE events, and an iframe of the newest live preview, which changes (and so
// reloads) when a newer one goes live.
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from './api';
import type { Api } from './api';
import { followEvents } from './events';
import type { Deployment } from './types';

const FINISHED = new Set(['live', 'failed', 'superseded']);

export interface Preview {
  /** The project's deployments, newest first, as their events last said. */
  deployments: Deployment[];
  /** The newest live preview deployment, the one the iframe shows. */
  live: Deployment | null;
  /** A deployment on its way (queued or building), if any. */
  pending: Deployment | null;
  error: string | null;
  /** Queues a deployment and follows it; a preview deployment reloads the iframe once live. */
  deploy(environment?: 'preview' | 'production'): Promise<void>;
  /** Reads the list again and follows every deployment that is not finished. */
  refresh(): Promise<void>;
}

const newestFirst = (a: Deployment, b: Deployment) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1);

/**
 * A project's deployments, kept current.
 *
 * @example const preview = usePreview(api, projectId); await preview.deploy();
 */
export function usePreview(api: Api, projectId: string): Preview {
  const [deployments, setDeployments] = useState<Deployment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const followed = useRef(new Map<string, AbortController>());

  const upsert = useCallback((deployment: Deployment) => {
    setDeployments((current) => [deployment, ...current.filter((other) => other.id !== deployment.id)].sort(newestFirst));
  }, []);

  const follow = useCallback(
    (deployment: Deployment) => {
      if (FINISHED.has(deployment.status) || followed.current.has(deployment.id)) return;
      const controller = new AbortController();
      followed.current.set(deployment.id, controller);
      const path = `/api/projects/${projectId}/deployments/${deployment.id}/events`;
      followEvents(api, path, (name, data) => name === 'status' && upsert(data as Deployment), controller.signal)
        .catch((failure: unknown) => setError(describeError(failure)))
        .finally(() => followed.current.delete(deployment.id));
    },
    [api, projectId, upsert],
  );

  const refresh = useCallback(async () => {
    try {
      const list = await api.json<Deployment[]>(`/api/projects/${projectId}/deployments?limit=50`);
      setDeployments(list);
      list.forEach(follow);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [api, projectId, follow]);

  const deploy = useCallback(
    async (environment: 'preview' | 'production' = 'preview') => {
      setError(null);
      const queued = await api.json<Deployment>(`/api/projects/${projectId}/deployments`, { json: { environment } });
      upsert(queued);
      follow(queued);
    },
    [api, projectId, upsert, follow],
  );

  useEffect(() => {
    void refresh();
    const streams = followed.current;
    return () => {
      for (const controller of streams.values()) controller.abort();
      streams.clear();
    };
  }, [refresh]);

  const live = deployments.find((deployment) => deployment.environment === 'preview' && deployment.status === 'live') ?? null;
  const pending = deployments.find((deployment) => !FINISHED.has(deployment.status)) ?? null;
  return { deployments, live, pending, error, deploy, refresh };
}

/** The preview pane: what is happening, and the app itself. */
export function PreviewPane({ preview, projectName }: { preview: Preview; projectName: string }) {
  const { live, pending, error } = preview;
  const failed = preview.deployments[0]?.status === 'failed' ? preview.deployments[0] : null;
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <p role="status" className="preview-status">
        {pending ? `Deploying (${pending.status})…` : live ? 'Live' : 'No preview yet: build the app, and it appears here.'}
        {live?.url && !pending && (
          <>
            {' at '}
            <a href={live.url} target="_blank" rel="noreferrer">
              {new URL(live.url).host}
            </a>
          </>
        )}
      </p>
      {failed && <p className="error">The last deployment failed: {failed.error}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {live?.url && <iframe key={live.id} src={live.url} title={`Preview of ${projectName}`} sandbox="allow-scripts allow-same-origin allow-forms" />}
    </section>
  );
}
