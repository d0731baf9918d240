// Chat: the builder conversation through the AI SDK's useChat, with the standard transport, history
// loaded as UIMessages and a running turn resumed after a reload. Text parts read as text; each tool
// part (a file edit, a check, a deploy...) is one line with its status. A turn that changed files
// without deploying is followed by a preview deployment, so the preview shows what the chat did.
// When the server can answer with more than one model, the person picks the one each message asks.
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport, getToolName, isToolUIPart } from 'ai';
import type { UIMessage } from 'ai';
import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../api';
import type { Api } from '../api';
import type { Preview } from '../preview';
import type { ChatMessage, ModelOption } from '../types';
import type { TabProps } from './project';

/** The tools whose success changes the project's files. */
const CHANGES_FILES = new Set(['editFile', 'writeFile', 'deleteFile', 'generateStep', 'restoreVersion']);

type Part = UIMessage['parts'][number];
type ToolPart = Extract<Part, { toolCallId: string }>;

const HISTORY_PAGES = 10;

/** The conversation so far, oldest first, as UIMessages (a server that stores no parts gives its text). */
async function loadHistory(api: Api, projectId: string): Promise<UIMessage[]> {
  const messages: ChatMessage[] = [];
  let path: string | null = `/api/projects/${projectId}/chat?limit=200`;
  for (let page = 0; path && page < HISTORY_PAGES; page += 1) {
    const response: Response = await api.send(path);
    messages.push(...((await response.json()) as ChatMessage[]));
    path = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '')?.[1] ?? null;
  }
  return messages.map((message) => ({ id: message.id, role: message.role, parts: message.parts ?? [{ type: 'text', text: message.content }] }));
}

/** What a tool call acted on, in a few words: a path, an environment, a version, a new name. */
function subjectOf(part: ToolPart): string {
  const input = (part.input ?? {}) as Record<string, unknown>;
  const subject = input.path ?? input.environment ?? input.number ?? input.title ?? input.name ?? input.type;
  return subject === undefined ? '' : String(subject);
}

const TOOL_STATES: Record<string, string> = {
  'input-streaming': 'preparing',
  'input-available': 'running',
  'approval-requested': 'waiting for approval',
  'approval-responded': 'approved',
  'output-available': 'done',
  'output-error': 'failed',
  'output-denied': 'denied',
};

function ToolLine({ part }: { part: ToolPart }) {
  const state = TOOL_STATES[part.state] ?? part.state;
  return (
    <li className={`tool ${part.state}`}>
      <code>{getToolName(part)}</code> {subjectOf(part)} <span className="badge">{state}</span>
      {part.state === 'output-error' && <span className="error"> {part.errorText}</span>}
    </li>
  );
}

function MessageView({ message }: { message: UIMessage }) {
  return (
    <li className={`message ${message.role}`}>
      <span className="who">{message.role === 'user' ? 'You' : 'Promptax'}</span>
      {message.parts.map((part, index) => {
        if (part.type === 'text') return <p key={index} className="text">{part.text}</p>;
        if (isToolUIPart(part)) return <ul key={index} className="tools"><ToolLine part={part} /></ul>;
        return null;
      })}
    </li>
  );
}

/** Whether a finished turn changed files and left the deploying to someone else. */
function changedWithoutDeploy(message: UIMessage): boolean {
  const tools = message.parts.filter(isToolUIPart);
  const changed = tools.some((part) => part.state === 'output-available' && CHANGES_FILES.has(getToolName(part)));
  return changed && !tools.some((part) => getToolName(part) === 'deploy');
}

/** The models a message may ask (GET /api/models, the default first); the server's default answers when none is sent. */
function ModelPicker({ models, model, onChange }: { models: ModelOption[]; model: string; onChange(model: string): void }) {
  return (
    <>
      <label htmlFor="chat-model">Model</label>
      <select id="chat-model" value={model} onChange={(event) => onChange(event.target.value)}>
        {models.map((option) => (
          <option key={option.id} value={option.id}>
            {option.default ? `${option.id} (default)` : option.id}
          </option>
        ))}
      </select>
    </>
  );
}

interface ConversationProps {
  api: Api;
  projectId: string;
  history: UIMessage[];
  models: ModelOption[];
  preview: Preview;
  /** Reads the project again: a turn may have renamed it. */
  reloadProject(): void;
}

function Conversation({ api, projectId, history, models, preview, reloadProject }: ConversationProps) {
  const transport = useMemo(
    () => new DefaultChatTransport<UIMessage>({ api: `/api/projects/${projectId}/chat`, headers: { Authorization: `Bearer ${api.key}` } }),
    [api.key, projectId],
  );
  const { messages, sendMessage, status, error, stop } = useChat({
    id: projectId,
    messages: history,
    transport,
    resume: true,
    onFinish: ({ message }) => {
      if (changedWithoutDeploy(message)) void preview.deploy();
      else void preview.refresh();
      if (message.parts.some((part) => part.type === 'tool-renameProject')) reloadProject();
    },
  });
  const [input, setInput] = useState('');
  const [model, setModel] = useState(() => models.find((option) => option.default)?.id ?? models[0]?.id);
  const busy = status === 'submitted' || status === 'streaming';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = input.trim();
    if (!text) return;
    void sendMessage({ text }, model ? { body: { model } } : undefined);
    setInput('');
  };

  return (
    <>
      {/* It scrolls (styles.css), so it takes the focus: a keyboard user scrolls it with the arrow keys. */}
      <ol className="messages" aria-label="Conversation" aria-live="polite" aria-busy={busy} tabIndex={0}>
        {messages.length === 0 && <li className="hint">Ask for a change ("call it Streaks", "make it teal") or a question ("what files do I have?").</li>}
        {messages.map((message) => (
          <MessageView key={message.id} message={message} />
        ))}
      </ol>
      {error && <p role="alert" className="error">{error.message}</p>}
      <form onSubmit={submit} className="chat-form">
        {models.length > 1 && model && <ModelPicker models={models} model={model} onChange={setModel} />}
        <label htmlFor="chat-input">Message</label>
        <textarea
          id="chat-input"
          rows={2}
          value={input}
          onChange={(event) => setInput(event.target.value)}
          onKeyDown={(event) => {
            // Enter sends, Shift+Enter starts a new line.
            if (event.key === 'Enter' && !event.shiftKey) submit(event);
          }}
        />
        <button type="submit" disabled={busy || input.trim() === ''}>
          Send
        </button>
        {busy && (
          <button type="button" onClick={() => void stop()}>
            Stop
          </button>
        )}
        <span role="status" className="chat-status">{busy ? 'Promptax is working…' : ''}</span>
      </form>
    </>
  );
}

export function ChatTab({ api, project, preview, reloadProject }: TabProps) {
  const [history, setHistory] = useState<UIMessage[] | null>(null);
  const [models, setModels] = useState<ModelOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [modelsError, setModelsError] = useState<string | null>(null);
  useEffect(() => {
    loadHistory(api, project.id).then(setHistory, (failure) => setError(describeError(failure)));
  }, [api, project.id]);
  useEffect(() => {
    // A model server that cannot list its models leaves the chat usable: its messages go to the server's default.
    api.json<ModelOption[]>('/api/models').then(setModels, (failure) => {
      setModels([]);
      setModelsError(describeError(failure));
    });
  }, [api]);
  return (
    <>
      <h2>Chat</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {modelsError && <p className="error">The models could not be listed ({modelsError}); messages go to the server's default model.</p>}
      {(!history || !models) && !error && <p>Loading…</p>}
      {history && models && <Conversation api={api} projectId={project.id} history={history} models={models} preview={preview} reloadProject={reloadProject} />}
    </>
  );
}
