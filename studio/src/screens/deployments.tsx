// Deployments: every deployment with its status (followed live by the preview's hook), and new ones.
import { useState } from 'react';
import { describeError } from '../api';
import type { TabProps } from './project';

export function DeploymentsTab({ preview }: TabProps) {
  const [error, setError] = useState<string | null>(null);
  const deploy = (environment: 'preview' | 'production') => preview.deploy(environment).catch((failure: unknown) => setError(describeError(failure)));
  return (
    <>
      <h2>Deployments</h2>
      <p>
        <button type="button" onClick={() => void deploy('preview')}>
          Deploy a preview
        </button>{' '}
        <button type="button" onClick={() => void deploy('production')}>
          Deploy to production
        </button>
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {preview.deployments.length === 0 && <p>No deployments yet.</p>}
      <table>
        <caption className="visually-hidden">Deployments, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Environment</th>
            <th scope="col">Status</th>
            <th scope="col">Files</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {preview.deployments.map((deployment) => (
            <tr key={deployment.id}>
              <td>{new Date(deployment.createdAt).toLocaleString()}</td>
              <td>{deployment.environment}</td>
              <td>
                <span className={`badge ${deployment.status}`}>{deployment.status}</span>
                {deployment.error && <p className="error">{deployment.error}</p>}
              </td>
              <td>{deployment.fileCount}</td>
              <td>
                {deployment.url && (
                  <a href={deployment.url} target="_blank" rel="noreferrer">
                    {new URL(deployment.url).host}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
