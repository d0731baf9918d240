// Tests: run a kind of test and watch its suites and cases change as the queue runs them (SSE).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../api';
import { followEvents } from '../events';
import type { TestSuite } from '../types';
import type { TabProps } from './project';

const UNFINISHED = new Set(['queued', 'generating', 'running']);

export function TestsTab({ api, project }: TabProps) {
  const [suites, setSuites] = useState<TestSuite[] | null>(null);
  const [type, setType] = useState<TestSuite['type']>('unit');
  const [following, setFollowing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stream = useRef<AbortController | null>(null);
  const base = `/api/projects/${project.id}/tests`;

  const follow = useCallback(
    (since?: string) => {
      stream.current?.abort();
      const controller = new AbortController();
      stream.current = controller;
      setFollowing(true);
      const upsert = (suite: TestSuite) => setSuites((current) => [suite, ...(current ?? []).filter((other) => other.id !== suite.id)].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)));
      followEvents(api, `${base}/events${since ? `?since=${encodeURIComponent(since)}` : ''}`, (name, data) => name === 'suite' && upsert(data as TestSuite), controller.signal)
        .catch((failure: unknown) => setError(describeError(failure)))
        .finally(() => stream.current === controller && setFollowing(false));
    },
    [api, base],
  );

  useEffect(() => {
    api.json<TestSuite[]>(`${base}?limit=50`).then((list) => {
      setSuites(list);
      if (list.some((suite) => UNFINISHED.has(suite.status))) follow();
    }, (failure) => setError(describeError(failure)));
    return () => stream.current?.abort();
  }, [api, base, follow]);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // The server's clock decides which suites are new; a second back covers a clock a little ahead of it.
    const since = new Date(Date.now() - 1000).toISOString();
    try {
      await api.json(base, { json: { type } });
      follow(since);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <>
      <h2>Tests</h2>
      <form onSubmit={(event) => void run(event)} className="inline">
        <label htmlFor="test-type">Kind</label>
        <select id="test-type" value={type} onChange={(event) => setType(event.target.value as TestSuite['type'])}>
          <option value="unit">unit: the logic modules</option>
          <option value="integration">integration: the API worker</option>
          <option value="e2e">e2e: the live deployment</option>
        </select>
        <button type="submit" disabled={following}>
          Run tests
        </button>
        <span role="status">{following ? 'Running…' : ''}</span>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {suites?.length === 0 && <p>No test runs yet.</p>}
      <ul className="suites">
        {suites?.map((suite) => (
          <li key={suite.id}>
            <span className={`badge ${suite.status}`}>{suite.status}</span> <strong>{suite.name}</strong> ({suite.type})
            <ul>
              {suite.tests.map((test) => (
                <li key={test.id}>
                  <span className={`badge ${test.status}`}>{test.status}</span> {test.name}
                  {test.durationMs !== null && <span className="hint"> {test.durationMs} ms</span>}
                  {test.message && <p className="error">{test.message}</p>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
