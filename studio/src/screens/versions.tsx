// Versions: every state the files have been in, what each changed (its diff), and a restore, after
// which a preview of the restored state is deployed.
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api';
import type { Version } from '../types';
import type { TabProps } from './project';

/** A diff answer as text: the API sends the unified diff as text, or in JSON under `diff`. */
async function diffText(response: Response): Promise<string> {
  if (!response.headers.get('content-type')?.includes('json')) return response.text();
  const body = (await response.json()) as { diff?: string; patch?: string };
  return body.diff ?? body.patch ?? JSON.stringify(body, null, 2);
}

function DiffLines({ diff }: { diff: string }) {
  return (
    <pre className="diff" tabIndex={0} aria-label="Diff">
      {diff.split('\n').map((line, index) => (
        <span key={index} className={line.startsWith('+') && !line.startsWith('+++') ? 'added' : line.startsWith('-') && !line.startsWith('---') ? 'removed' : undefined}>
          {line + '\n'}
        </span>
      ))}
    </pre>
  );
}

export function VersionsTab({ api, project, preview, reloadProject }: TabProps) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [shown, setShown] = useState<{ number: number; diff: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/projects/${project.id}/versions`;

  const load = useCallback(() => {
    api.json<Version[]>(`${base}?limit=50`).then(setVersions, (failure) => setError(describeError(failure)));
  }, [api, base]);
  useEffect(load, [load]);

  const showDiff = async (number: number) => {
    setShown({ number, diff: null });
    try {
      setShown({ number, diff: await diffText(await api.send(`${base}/${number}/diff`)) });
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const restore = async (number: number) => {
    setBusy(true);
    setError(null);
    try {
      const restored = await api.json<Version>(`${base}/${number}/restore`, { method: 'POST', json: {} });
      setMessage(`Restored version ${number} as version ${restored.number}. Deploying a preview of it…`);
      load();
      reloadProject();
      await preview.deploy();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  if (versions === null) return error ? <p role="alert" className="error">{error}</p> : <p>Loading…</p>;
  return (
    <>
      <h2>Versions</h2>
      {message && <p role="status">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {versions.length === 0 && <p>No versions yet: every generated step, edit and chat change makes one.</p>}
      <ol className="versions" aria-label="Versions, newest first">
        {versions.map((version, index) => (
          <li key={version.id}>
            <strong>Version {version.number}</strong> <span className="badge">{version.source}</span> {version.summary}
            <span className="hint"> {new Date(version.createdAt).toLocaleString()}, {version.files.length} {version.files.length === 1 ? 'file' : 'files'} changed</span>
            <p>
              <button type="button" onClick={() => void showDiff(version.number)} aria-label={`Show the diff of version ${version.number}`}>
                Diff
              </button>{' '}
              {index > 0 && (
                <button type="button" onClick={() => void restore(version.number)} disabled={busy} aria-label={`Restore version ${version.number}`}>
                  Restore
                </button>
              )}
            </p>
            {shown?.number === version.number && (shown.diff === null ? <p>Loading…</p> : <DiffLines diff={shown.diff} />)}
          </li>
        ))}
      </ol>
    </>
  );
}
