// Files: the project's tree, a viewer, and an editor whose save is a hand edit (PUT), after which
// the preview is deployed again.
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api';
import type { FileEntry } from '../types';
import type { TabProps } from './project';

interface Folder {
  folders: Map<string, Folder>;
  files: FileEntry[];
}

function treeOf(entries: FileEntry[]): Folder {
  const root: Folder = { folders: new Map(), files: [] };
  for (const entry of entries) {
    const parts = entry.path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      if (!folder.folders.has(part)) folder.folders.set(part, { folders: new Map(), files: [] });
      folder = folder.folders.get(part)!;
    }
    folder.files.push(entry);
  }
  return root;
}

/** A file's URL: each segment encoded, the slashes kept. */
const fileUrl = (projectId: string, path: string) => `/api/projects/${projectId}/files/${path.split('/').map(encodeURIComponent).join('/')}`;

function FolderList({ folder, selected, onSelect }: { folder: Folder; selected: string | null; onSelect: (path: string) => void }) {
  return (
    <ul>
      {[...folder.folders].map(([name, child]) => (
        <li key={name}>
          <details open>
            <summary>{name}/</summary>
            <FolderList folder={child} selected={selected} onSelect={onSelect} />
          </details>
        </li>
      ))}
      {folder.files.map((file) => (
        <li key={file.path}>
          <button type="button" className="file" aria-current={file.path === selected ? 'true' : undefined} onClick={() => onSelect(file.path)}>
            {file.path.split('/').pop()}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function FilesTab({ api, project, preview }: TabProps) {
  const [files, setFiles] = useState<FileEntry[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.json<FileEntry[]>(`/api/projects/${project.id}/files?limit=200`).then(setFiles, (failure) => setError(describeError(failure)));
  }, [api, project.id]);
  useEffect(load, [load]);

  const open = (path: string) => {
    setSelected(path);
    setContent(null);
    setDraft(null);
    setMessage(null);
    api.text(fileUrl(project.id, path)).then(setContent, (failure) => setError(describeError(failure)));
  };

  const save = async () => {
    setError(null);
    try {
      await api.send(fileUrl(project.id, selected!), { method: 'PUT', text: draft! });
      setContent(draft);
      setDraft(null);
      setMessage('Saved. Deploying a preview with it…');
      load();
      await preview.deploy();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  if (files === null) return error ? <p role="alert" className="error">{error}</p> : <p>Loading…</p>;
  return (
    <>
      <h2>Files</h2>
      {files.length === 0 && <p>No files yet: generate the plan's steps on the Build tab.</p>}
      <div className="files">
        <nav aria-label="File tree" className="tree">
          <FolderList folder={treeOf(files)} selected={selected} onSelect={open} />
        </nav>
        <div className="viewer">
          {selected && <h3>{selected}</h3>}
          {selected && content === null && !error && <p>Loading…</p>}
          {content !== null && draft === null && (
            <>
              <button type="button" onClick={() => setDraft(content)}>
                Edit
              </button>
              <pre tabIndex={0} aria-label={`Content of ${selected}`}>
                <code>{content}</code>
              </pre>
            </>
          )}
          {draft !== null && (
            <>
              <label htmlFor="file-editor">Editing {selected}</label>
              <textarea id="file-editor" className="editor" value={draft} spellCheck={false} onChange={(event) => setDraft(event.target.value)} />
              <p>
                <button type="button" onClick={() => void save()} disabled={draft === content}>
                  Save
                </button>{' '}
                <button type="button" onClick={() => setDraft(null)}>
                  Cancel
                </button>
              </p>
            </>
          )}
          {message && <p role="status">{message}</p>}
          {error && <p role="alert" className="error">{error}</p>}
        </div>
      </div>
    </>
  );
}
