// The API journeys the benchmark sets up and times: a project, its plan, its code, its deployment, its live site.
import { performance } from 'node:perf_hooks';
import { call, expectStatus } from './http.mjs';

/** Every engine call names the offline model: the Worker under test also has a stub model configured as the default's fallback. */
export const OFFLINE = 'offline';
export const IDEA = { name: 'Chores', description: 'A shared checklist of chores we tick off' };

/** A new project of the key's only organisation. */
export async function createProject(port, key, project = IDEA) {
  return (await expectStatus(201, port, 'POST', '/api/projects', { key, json: project })).body;
}

/** A plan on a catalog template, offline. */
export async function createPlan(port, key, projectId, templateId = 'todo-list') {
  return (await expectStatus(201, port, 'POST', `/api/projects/${projectId}/plans`, { key, json: { templateId, model: OFFLINE } })).body;
}

/** Generates every step of a plan, each after the steps it depends on. */
export async function generateAll(port, key, projectId, plan) {
  const done = new Set();
  const steps = [...plan.steps].sort((a, b) => a.order - b.order);
  while (done.size < steps.length) {
    const ready = steps.find((step) => !done.has(step.id) && step.dependsOn.every((id) => done.has(id)));
    if (!ready) throw new Error(`plan ${plan.id}: no step is ready to generate`);
    await expectStatus(200, port, 'POST', `/api/projects/${projectId}/generate`, { key, json: { planId: plan.id, stepId: ready.id, model: OFFLINE } });
    done.add(ready.id);
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Queues a preview deployment and polls it every `pollMs` until it is live; `queuedAt` and `liveAt` are ms since `started`. */
export async function deploy(port, key, projectId, { started = performance.now(), pollMs = 20, timeoutMs = 60_000 } = {}) {
  const queued = (await expectStatus(202, port, 'POST', `/api/projects/${projectId}/deployments`, { key, json: { environment: 'preview' } })).body;
  const queuedAt = performance.now() - started;
  for (const deadline = performance.now() + timeoutMs; performance.now() < deadline; await pause(pollMs)) {
    const { body } = await expectStatus(200, port, 'GET', `/api/projects/${projectId}/deployments/${queued.id}`, { key });
    if (body.status === 'live') return { deployment: body, queuedAt, liveAt: performance.now() - started };
    if (body.status === 'failed') throw new Error(`deployment ${body.id} failed: ${body.error}`);
  }
  throw new Error(`deployment ${queued.id} was not live within ${timeoutMs} ms`);
}

/** The Host header and path of a site URL such as http://d-1c2b4e5f6a7b.localhost:8787/styles.css. */
export function siteTarget(url) {
  const { host, pathname } = new URL(url);
  return { host, path: pathname };
}

/** Polls a site's URL until it answers 200. */
export async function waitForSite(port, url, { pollMs = 20, timeoutMs = 30_000 } = {}) {
  const { host, path } = siteTarget(url);
  for (const deadline = performance.now() + timeoutMs; performance.now() < deadline; await pause(pollMs)) {
    if ((await call(port, 'GET', path, { host })).status === 200) return;
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/**
 * Idea to live, offline: a project, the template that fits it, a plan, every step generated, a
 * deployment and its site answering 200. Returns the total and where the time went (ms).
 */
export async function ideaToLive(port, key) {
  const started = performance.now();
  const lap = () => performance.now() - started;
  const project = await createProject(port, key);
  const match = (await expectStatus(200, port, 'POST', '/api/tis/match', { key, json: { description: IDEA.description, model: OFFLINE } })).body;
  const plan = await createPlan(port, key, project.id, match.template.id);
  const plannedAt = lap();
  await generateAll(port, key, project.id, plan);
  const generatedAt = lap();
  const { deployment, queuedAt, liveAt } = await deploy(port, key, project.id, { started });
  await waitForSite(port, deployment.url);
  const totalMs = lap();
  return {
    totalMs,
    projectId: project.id,
    url: deployment.url,
    steps: plan.steps.length,
    phasesMs: {
      projectMatchPlan: plannedAt,
      generate: generatedAt - plannedAt,
      // The consumer's build takes milliseconds; the rest is the queue's wait before delivering it.
      queuedToLive: liveAt - queuedAt,
      siteAnswers: totalMs - liveAt,
    },
  };
}
