// The running Worker through the typed client, the way a TypeScript user drives it: a template
// from project to live site.
import { hc } from 'hono/client';
import type { AppType } from '../../src/app';

/** Where screenshots and the Worker's log go (ignored by git). */
export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

const LIVE_TIMEOUT_MS = 60_000;

/** The typed client for the API at `api`, authenticated with `key`. */
export function apiClient(api: string, key: string) {
  return hc<AppType>(api, { headers: { Authorization: `Bearer ${key}` } });
}

type Client = ReturnType<typeof apiClient>;

/** The error for a response that is not the one the journey needs. */
async function unexpected(what: string, response: Response): Promise<Error> {
  return new Error(`${what}: ${response.status} ${await response.text()}`);
}

/**
 * Creates a project, plans it on the template, generates every step, deploys a preview and waits
 * until the deployment is live. Returns the site's URL.
 */
export async function deployTemplate(client: Client, templateId: string): Promise<string> {
  const created = await client.api.projects.$post({ json: { name: `Browser test of ${templateId}` } });
  if (created.status !== 201) throw await unexpected('create the project', created);
  const param = { projectId: (await created.json()).id };

  const planned = await client.api.projects[':projectId'].plans.$post({ param, json: { templateId } });
  if (planned.status !== 201) throw await unexpected('plan', planned);
  const plan = await planned.json();
  for (const step of plan.steps) {
    const generated = await client.api.projects[':projectId'].generate.$post({ param, json: { planId: plan.id, stepId: step.id } });
    if (generated.status !== 200) throw await unexpected(`generate "${step.title}"`, generated);
  }

  const queued = await client.api.projects[':projectId'].deployments.$post({ param, json: {} });
  if (queued.status !== 202) throw await unexpected('deploy', queued);
  const deploymentId = (await queued.json()).id;
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const read = await client.api.projects[':projectId'].deployments[':deploymentId'].$get({ param: { ...param, deploymentId } });
    if (read.status !== 200) throw await unexpected('read the deployment', read);
    const deployment = await read.json();
    if (deployment.status === 'live' && deployment.url) return deployment.url;
    if (deployment.status === 'failed') throw new Error(`the deployment failed: ${deployment.error}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the deployment was not live within ${LIVE_TIMEOUT_MS / 1000} s`);
}
