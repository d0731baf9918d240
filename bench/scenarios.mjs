// The load scenarios of issue 7: what each one requests, of which server, and the set-up it needs.
import { createPlan, createProject, deploy, generateAll, OFFLINE, siteTarget, waitForSite } from './flows.mjs';
import { inParallel } from './http.mjs';

const bearer = (key) => ({ authorization: `Bearer ${key}` });
const json = (key, body) => ({ headers: { ...bearer(key), 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * Creates what the scenarios read and write: 50 projects of the reader (one of them read by id),
 * a live site, and a project per connection for chat and one with a plan for generate (the API
 * runs one chat turn and one generation of a step at a time per project, so connections that
 * shared one would measure that queue, not the path).
 */
export async function prepareScenarios(promptax, { reader, writer }, maxConnections) {
  const port = promptax.port;
  const readerProjects = [];
  await inParallel(50, 8, async (i) => readerProjects.push(await createProject(port, reader, { name: `Project ${i}`, description: 'Listed by the benchmark' })));

  const site = await createProject(port, writer, { name: 'Static site', description: 'Served by the benchmark' });
  const sitePlan = await createPlan(port, writer, site.id);
  await generateAll(port, writer, site.id, sitePlan);
  const { deployment } = await deploy(port, writer, site.id);
  await waitForSite(port, deployment.url);

  const chatProjects = [];
  const generateTargets = [];
  await inParallel(maxConnections, 8, async (i) => {
    chatProjects[i] = await createProject(port, writer, { name: `Chat ${i}`, description: 'A shared checklist of chores' });
    const project = await createProject(port, writer, { name: `Generate ${i}`, description: 'A shared checklist of chores' });
    const plan = await createPlan(port, writer, project.id);
    // The first step depends on nothing, so it can be generated again and again.
    const first = plan.steps.find((step) => step.dependsOn.length === 0);
    generateTargets[i] = { projectId: project.id, planId: plan.id, stepId: first.id };
  });
  return { readerProject: readerProjects[0], site: siteTarget(new URL('/styles.css', deployment.url).toString()), chatProjects, generateTargets };
}

/**
 * The scenarios in the order they run, the two baselines first. `request(i, run)` is what connection `i` repeats in the
 * scenario's `run` (0 the warm-up, then one per concurrency); `crud` marks the authenticated CRUD
 * requests the CPU target is about.
 */
export function loadScenarios({ baseline, promptax }, { reader, writer, creators }, prepared) {
  const { readerProject, site, chatProjects, generateTargets } = prepared;
  return [
    { id: 'baseline', title: 'baseline Worker: GET / (small JSON)', server: baseline, request: () => ({ method: 'GET', path: '/' }) },
    // Not a target: what the local D1 simulator alone adds to a request, for the CRUD scenarios to be read against.
    { id: 'baseline-d1', title: 'baseline Worker + one D1 batch: GET /d1', server: baseline, request: () => ({ method: 'GET', path: '/d1' }) },
    {
      id: 'session',
      title: 'GET /api/auth/session',
      server: promptax,
      crud: true,
      request: () => ({ method: 'GET', path: '/api/auth/session', headers: bearer(reader) }),
    },
    {
      id: 'project',
      title: 'GET /api/projects/{id}',
      server: promptax,
      crud: true,
      request: () => ({ method: 'GET', path: `/api/projects/${readerProject.id}`, headers: bearer(reader) }),
    },
    {
      id: 'projects',
      title: 'GET /api/projects (50 projects)',
      server: promptax,
      crud: true,
      request: () => ({ method: 'GET', path: '/api/projects', headers: bearer(reader) }),
    },
    {
      id: 'create',
      title: 'POST /api/projects',
      server: promptax,
      crud: true,
      // An organisation holds at most 1,000 projects: each run creates in an organisation of its own, at most 900.
      maxRequests: 900,
      request: (_i, run) => ({ method: 'POST', path: '/api/projects', ...json(creators[run], { name: 'Benchmarked', description: 'Created under load' }) }),
    },
    {
      id: 'site',
      title: 'GET /styles.css of a live site',
      server: promptax,
      request: () => ({ method: 'GET', path: site.path, headers: { host: site.host } }),
    },
    {
      id: 'chat',
      title: 'POST .../chat (offline, stream)',
      server: promptax,
      request: (i) => ({
        method: 'POST',
        path: `/api/projects/${chatProjects[i].id}/chat`,
        ...json(writer, { content: 'What should I do next?', model: OFFLINE }),
        headers: { ...bearer(writer), 'content-type': 'application/json', accept: 'text/event-stream' },
      }),
    },
    {
      id: 'generate',
      title: 'POST .../generate (offline)',
      server: promptax,
      request: (i) => {
        const { projectId, planId, stepId } = generateTargets[i];
        return { method: 'POST', path: `/api/projects/${projectId}/generate`, ...json(writer, { planId, stepId, model: OFFLINE }) };
      },
    },
  ];
}
