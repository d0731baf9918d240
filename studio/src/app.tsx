// The Studio's frame: the key first, then the header, the navigation and the screen the path names.
import { useEffect, useMemo, useState } from 'react';
import { createApi } from './api';
import type { Api } from './api';
import { loadCapabilities } from './capabilities';
import type { Capabilities } from './capabilities';
import { forgetKey, storedKey } from './key';
import { Link, navigate, usePath } from './router';
import { KeyScreen } from './screens/key-screen';
import { ProjectScreen } from './screens/project';
import { ProjectsScreen } from './screens/projects';
import { UsageScreen } from './screens/usage';

export function App() {
  const [key, setKey] = useState(storedKey);
  const api = useMemo(() => (key ? createApi(key) : null), [key]);
  const [capabilities, setCapabilities] = useState<Capabilities>(new Set());
  useEffect(() => {
    void loadCapabilities().then(setCapabilities);
  }, []);

  if (!api) return <KeyScreen onKey={setKey} />;
  const signOut = () => {
    forgetKey();
    setKey(null);
    navigate('/');
  };
  return (
    <>
      <header className="top">
        <Link href="/" className="brand">
          Promptax Studio
        </Link>
        <nav aria-label="Studio">
          <Link href="/">Projects</Link>
          <Link href="/usage">Usage</Link>
          <a href="/docs">API reference</a>
        </nav>
        <button type="button" onClick={signOut}>
          Forget key
        </button>
      </header>
      <Screen api={api} capabilities={capabilities} />
    </>
  );
}

function Screen({ api, capabilities }: { api: Api; capabilities: Capabilities }) {
  const path = usePath();
  const project = /^\/projects\/([0-9a-f-]{36})(?:\/([a-z]+))?\/?$/.exec(path);
  if (project) return <ProjectScreen key={project[1]} api={api} capabilities={capabilities} projectId={project[1]!} tab={project[2] ?? 'build'} />;
  if (path === '/usage') return <UsageScreen api={api} />;
  return <ProjectsScreen api={api} />;
}
