// The SSE progress streams of deployments and test runs, read while the queue consumers do the work.
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../src/features/deployments/routes';
import type { TestSuite } from '../../src/features/tests/routes';
import { call, callJson, createProject, createUser, deliverMessages, deployProject, generateProject } from '../helpers';

interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Parses server-sent events as they arrive, the way EventSource does for named events with one data line. */
async function* readEvents(response: Response): AsyncGenerator<ServerSentEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const fields = Object.fromEntries(
        buffer
          .slice(0, end)
          .split('\n')
          .filter((line) => !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      );
      buffer = buffer.slice(end + 2);
      if (fields.event && fields.data) yield { event: fields.event, data: JSON.parse(fields.data) };
    }
  }
}

/** Every event left in the stream, until it closes. */
async function rest(events: AsyncGenerator<ServerSentEvent>) {
  const seen: ServerSentEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

async function openStream(path: string, key: string) {
  const response = await call(path, { key });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  return readEvents(response);
}

const END = { event: 'end', data: { reason: 'done' } };

describe('deployment progress', () => {
  it('says queued, then each later status once and in order, up to live, and closes', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const queued = await callJson<Deployment>(`/api/projects/${project.id}/deployments`, { key: user.key, body: {}, expect: 202 });
    const events = await openStream(`/api/projects/${project.id}/deployments/${queued.id}/events`, user.key);

    const first = await events.next();
    expect(first.value).toEqual({ event: 'status', data: queued });
    await deliverMessages('promptax-deployments', [{ deploymentId: queued.id }]);
    const later = await rest(events);

    const statuses = later.filter((event) => event.event === 'status').map((event) => (event.data as Deployment).status);
    expect([['live'], ['building', 'live']]).toContainEqual(statuses);
    expect(later.at(-2)!.data).toMatchObject({ id: queued.id, status: 'live', url: expect.stringMatching(/^http:\/\/d-/) });
    expect(later.at(-1)).toEqual(END);
  });

  it('gives a finished deployment as one event, then closes', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'landing-page');
    const live = await deployProject(user, project.id);
    const events = await rest(await openStream(`/api/projects/${project.id}/deployments/${live.id}/events`, user.key));
    expect(events).toEqual([{ event: 'status', data: live }, END]);
  });

  it('ends after failed', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const failed = await deployProject(user, project.id);
    expect(failed.status).toBe('failed');
    const events = await rest(await openStream(`/api/projects/${project.id}/deployments/${failed.id}/events`, user.key));
    expect(events).toEqual([{ event: 'status', data: failed }, END]);
  });
});

describe('test run progress', () => {
  it("follows a run's suites from queued to passed, each status once, and closes when none is unfinished", async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    await callJson(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'unit' }, expect: 202 });
    const events = await openStream(`/api/projects/${project.id}/tests/events`, user.key);

    const first = await events.next();
    const queued = first.value!.data as TestSuite;
    expect(queued).toMatchObject({ status: 'queued', name: 'unit: todos' });
    expect(queued.tests.every((entry) => entry.status === 'pending')).toBe(true);
    await deliverMessages('promptax-test-runs', [{ suiteId: queued.id }]);
    const later = await rest(events);

    const suites = later.filter((event) => event.event === 'suite').map((event) => event.data as TestSuite);
    expect(suites.every((suite) => suite.id === queued.id)).toBe(true);
    const statuses: string[] = suites.map((suite) => suite.status);
    expect(statuses.at(-1)).toBe('passed');
    expect(['generating', 'running', 'passed'].filter((status) => statuses.includes(status))).toEqual(statuses);
    expect(suites.at(-1)!.tests.filter((entry) => entry.status === 'passed')).toHaveLength(34);
    expect(later.at(-1)).toEqual(END);
  });

  it('gives the latest run once when it has finished, then closes', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    await callJson(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'unit' }, expect: 202 });
    const [queued] = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });
    await deliverMessages('promptax-test-runs', [{ suiteId: queued!.id }]);
    const [passed] = await callJson<TestSuite[]>(`/api/projects/${project.id}/tests`, { key: user.key });

    const events = await rest(await openStream(`/api/projects/${project.id}/tests/events`, user.key));
    expect(events).toEqual([{ event: 'suite', data: passed }, END]);
  });

  it('follows only the suites created since ?since=', async () => {
    const user = await createUser();
    const project = await generateProject(user, 'todo-list');
    await callJson(`/api/projects/${project.id}/tests`, { key: user.key, body: { type: 'unit' }, expect: 202 });
    const later = new Date(Date.now() + 60_000).toISOString();
    const events = await rest(await openStream(`/api/projects/${project.id}/tests/events?since=${later}`, user.key));
    expect(events).toEqual([END]);
  });

  it('closes at once for a project without test runs', async () => {
    const user = await createUser();
    const project = await createProject(user);
    expect(await rest(await openStream(`/api/projects/${project.id}/tests/events`, user.key))).toEqual([END]);
  });

  it('refuses a since that is not a time', async () => {
    const user = await createUser();
    const project = await createProject(user);
    expect((await call(`/api/projects/${project.id}/tests/events?since=yesterday`, { key: user.key })).status).toBe(400);
  });
});

describe('progress streams', () => {
  it('are 404 for another organisation and 401 without a key', async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const project = await createProject(owner);
    const queued = await callJson<Deployment>(`/api/projects/${project.id}/deployments`, { key: owner.key, body: {}, expect: 202 });
    for (const path of [`/api/projects/${project.id}/deployments/${queued.id}/events`, `/api/projects/${project.id}/tests/events`]) {
      expect((await call(path, { key: intruder.key })).status, path).toBe(404);
      expect((await call(path)).status, path).toBe(401);
    }
  });

  it('are documented as text/event-stream in /openapi.json', async () => {
    const document = await callJson<{ paths: Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }> }>('/openapi.json');
    for (const path of ['/api/projects/{projectId}/deployments/{deploymentId}/events', '/api/projects/{projectId}/tests/events']) {
      expect(Object.keys(document.paths[path]!.get.responses['200']!.content!), path).toEqual(['text/event-stream']);
    }
  });
});
