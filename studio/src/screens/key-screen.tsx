// The first screen: an API key, pasted or (under `npm run dev`) the dev key the local server offers.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { createApi, describeError } from '../api';
import { offeredDevKey, storeKey } from '../key';
import type { Session } from '../types';

export function KeyScreen({ onKey }: { onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [devKey, setDevKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    void offeredDevKey().then(setDevKey);
  }, []);

  async function useKey(candidate: string) {
    setChecking(true);
    setError(null);
    try {
      // The session endpoint answers null without a key and 401 for a bad one: a real key names a user.
      const session = await createApi(candidate).json<Session | null>('/api/auth/session');
      if (!session) throw new Error('That is not an API key: it should start with ptx_.');
      storeKey(candidate);
      onKey(candidate);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setChecking(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void useKey(key.trim());
  };

  return (
    <main className="narrow">
      <h1>Promptax Studio</h1>
      <p>From an idea to a running app. Paste an API key to start: it stays in this tab only, and is gone when you close it.</p>
      <form onSubmit={submit} className="stack">
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" placeholder="ptx_..." value={key} onChange={(event) => setKey(event.target.value)} required />
        <button type="submit" disabled={checking || key.trim() === ''}>
          Use this key
        </button>
      </form>
      {devKey && (
        <p>
          <button type="button" onClick={() => void useKey(devKey)} disabled={checking}>
            Use the dev key from npm run dev
          </button>
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p className="hint">
        No key? <code>npm run key -- --email you@example.com</code> prints one.
      </p>
    </main>
  );
}
