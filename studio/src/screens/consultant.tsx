// Consultant: product advice on the project (audience, scope, risks, launch). It reads the project
// and never changes it.
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../api';
import type { AgencyMessage, AgencySession } from '../types';
import type { TabProps } from './project';

export function ConsultantTab({ api, project }: TabProps) {
  const [session, setSession] = useState<AgencySession | null | undefined>(undefined);
  const [messages, setMessages] = useState<AgencyMessage[]>([]);
  const [question, setQuestion] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = useCallback(
    async (chosen: AgencySession) => {
      setSession(chosen);
      setMessages((await api.json<{ messages: AgencyMessage[] }>(`/api/agency/${chosen.id}`)).messages);
    },
    [api],
  );

  useEffect(() => {
    api
      .json<AgencySession[]>(`/api/agency?projectId=${project.id}&limit=1`)
      .then((sessions) => (sessions[0] ? open(sessions[0]) : setSession(null)))
      .catch((failure: unknown) => setError(describeError(failure)));
  }, [api, project.id, open]);

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const current = session ?? (await api.json<AgencySession>('/api/agency', { json: { projectId: project.id } }));
      if (!session) setSession(current);
      const content = question.trim();
      const mine: AgencyMessage = { id: `pending-${Date.now()}`, role: 'user', content, createdAt: new Date().toISOString() };
      setMessages((list) => [...list, mine]);
      setQuestion('');
      const answer = await api.json<AgencyMessage>(`/api/agency/${current.id}/message`, { json: { content } });
      setMessages((list) => [...list, answer]);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  if (session === undefined && !error) return <p>Loading…</p>;
  return (
    <>
      <h2>Consultant</h2>
      <p>Advice on the product: who it is for, what to build first, the risks, the launch. It never changes the project.</p>
      {/* It scrolls (styles.css), so it takes the focus: a keyboard user scrolls it with the arrow keys. */}
      <ol className="messages" aria-label="Consultation" aria-live="polite" tabIndex={0}>
        {messages.map((message) => (
          <li key={message.id} className={`message ${message.role}`}>
            <span className="who">{message.role === 'user' ? 'You' : 'Consultant'}</span>
            <p className="text">{message.content}</p>
          </li>
        ))}
      </ol>
      {error && <p role="alert" className="error">{error}</p>}
      <form onSubmit={(event) => void ask(event)} className="chat-form">
        <label htmlFor="question">Question</label>
        <textarea id="question" rows={2} value={question} placeholder="Who is this for, and how do I launch it?" onChange={(event) => setQuestion(event.target.value)} />
        <button type="submit" disabled={busy || question.trim() === ''}>
          Ask
        </button>
        <span role="status">{busy ? 'The consultant is thinking…' : ''}</span>
      </form>
    </>
  );
}
