// Plans, generation and files, offline: every template becomes a complete app.
import { env } from 'cloudflare:workers';
import { Parser } from 'acorn';
import { and, eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { files, fileVersions, plans, planSteps } from '../../src/db/schema';
import { GENERATION_STALE_AFTER_MS } from '../../src/features/generate/service';
import type { BuildPlan } from '../../src/features/plans/service';
import { uuidv7 } from '../../src/lib/ids';
import { checkModulesImport } from '../../src/sandbox';
import { CATALOG } from '../../src/templates/catalog';
import { call, callJson, createProject, createUser } from '../helpers';
import type { TestUser } from '../helpers';

interface GeneratedFile {
  path: string;
  language: string;
  size: number;
  sha256: string;
  content: string;
  planId: string;
  stepId: string;
}
interface FileEntry {
  path: string;
  language: string;
  size: number;
  sha256: string;
}

async function planFor(user: TestUser, projectId: string, body: Record<string, unknown> = {}) {
  return callJson<BuildPlan>(`/api/projects/${projectId}/plans`, { key: user.key, method: 'POST', body, expect: 201 });
}

/** Generates every step in plan order (a topological order) and returns all files written. */
async function generateAll(user: TestUser, projectId: string, plan: BuildPlan) {
  const written: GeneratedFile[] = [];
  for (const step of plan.steps) {
    written.push(
      ...(await callJson<GeneratedFile[]>(`/api/projects/${projectId}/generate`, {
        key: user.key,
        body: { planId: plan.id, stepId: step.id },
      })),
    );
  }
  return written;
}

/** Relative references of an HTML page: scripts, stylesheets, icons, images. */
function htmlReferences(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)]
    .map((match) => match[1]!)
    .filter((url) => !/^(?:[a-z]+:|#|\/\/)/i.test(url));
}

describe.each(CATALOG.map((template) => [template.id]))('template %s, generated offline', (templateId) => {
  it('yields an app whose references exist, whose JS parses, whose modules import in workerd, and whose steps all end done', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: `My ${templateId}` });
    const plan = await planFor(user, project.id, { templateId });
    expect(plan).toMatchObject({ templateId, model: 'offline', status: 'ready' });

    const written = await generateAll(user, project.id, plan);
    const byPath = new Map(written.map((file) => [file.path, file.content]));
    expect([...byPath.keys()].sort()).toEqual(plan.steps.flatMap((step) => step.files).sort());

    const html = byPath.get('index.html');
    expect(html, 'index.html').toBeDefined();
    expect(html).toContain(`<title>My ${templateId}</title>`);
    for (const reference of htmlReferences(html!)) {
      expect(byPath.has(reference.split('?')[0]!), `index.html references ${reference}`).toBe(true);
    }

    for (const [path, content] of byPath) {
      if (!path.endsWith('.js')) continue;
      const parsed = Parser.parse(content, { ecmaVersion: 'latest', sourceType: 'module' });
      for (const node of parsed.body) {
        if (node.type === 'ImportDeclaration' && String(node.source.value).startsWith('.')) {
          const target = new URL(String(node.source.value), `https://app.test/${path}`).pathname.slice(1);
          expect(byPath.has(target), `${path} imports ${target}`).toBe(true);
        }
      }
    }

    // Logic modules (and worker.js) import in a Dynamic Worker exactly as tests and sites load them.
    const imported = await checkModulesImport(env.LOADER, Object.fromEntries(byPath));
    expect(imported.filter((module) => module.path.startsWith('src/lib/')).length).toBeGreaterThan(0);
    for (const module of imported) {
      expect(module, module.path).toMatchObject({ ok: true, error: null });
      expect(module.exports.length, `${module.path} exports`).toBeGreaterThan(0);
    }

    const [stored] = await callJson<BuildPlan[]>(`/api/projects/${project.id}/plans`, { key: user.key });
    expect(stored?.status).toBe('completed');
    expect(stored?.steps.every((step) => step.status === 'done')).toBe(true);
    expect((await callJson<{ status: string }>(`/api/projects/${project.id}`, { key: user.key })).status).toBe('generated');
  });
});

describe('plans', () => {
  it('lists a page of 200 plans, each with its own steps only', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const other = await createProject(user);
    const db = createDb(env.DB);
    const now = new Date().toISOString();
    // Plans of two projects interleave in id order, as they do when both are planned at once.
    const rows = Array.from({ length: 402 }, (_, index) => ({
      id: uuidv7(), projectId: index % 2 === 0 ? project.id : other.id, templateId: 'todo-list', baseTemplateId: 'todo-list',
      model: 'offline', features: [], techStack: [], status: 'ready' as const, createdAt: now,
    }));
    const steps = rows.map((plan) => ({
      id: uuidv7(), planId: plan.id, projectId: plan.projectId, position: 1, title: `step of ${plan.id}`, description: '',
      files: ['index.html'], dependsOn: [], features: [], status: 'pending' as const, updatedAt: now,
    }));
    for (let start = 0; start < rows.length; start += 5) {
      await db.batch([db.insert(plans).values(rows.slice(start, start + 5)), db.insert(planSteps).values(steps.slice(start, start + 5))]);
    }
    const page = await callJson<BuildPlan[]>(`/api/projects/${project.id}/plans?limit=200`, { key: user.key });
    expect(page).toHaveLength(200);
    expect(page.every((plan) => plan.projectId === project.id && plan.steps.length === 1 && plan.steps[0]!.title === `step of ${plan.id}`)).toBe(true);
  });

  it('picks the template from the description and stores the plan', async () => {
    const user = await createUser();
    const project = await createProject(user, { name: 'Chores', description: 'A checklist of tasks I can tick off and filter' });
    const plan = await planFor(user, project.id);
    expect(plan.templateId).toBe('todo-list');
    expect((await callJson<{ templateId: string; status: string }>(`/api/projects/${project.id}`, { key: user.key })).templateId).toBe('todo-list');
    const stored = await createDb(env.DB).select().from(planSteps).where(eq(planSteps.planId, plan.id));
    expect(stored).toHaveLength(plan.steps.length);
  });

  it('covers a feature the template lacks with its own step, after the final steps', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await planFor(user, project.id, { templateId: 'todo-list', features: ['Dark mode', 'filter'] });
    expect(plan.features).toContain('dark-mode');
    expect(plan.features).not.toContain('filter');
    const darkMode = plan.steps.find((step) => step.features.includes('dark-mode'))!;
    expect(darkMode.files).toEqual(['docs/features/dark-mode.md']);
    const ids = new Set(plan.steps.map((step) => step.id));
    expect(darkMode.dependsOn.length).toBeGreaterThan(0);
    expect(darkMode.dependsOn.every((id) => ids.has(id))).toBe(true);
  });

  it('forms a DAG: every dependency is an earlier step', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await planFor(user, project.id, { templateId: 'guestbook', features: ['moderation'] });
    const seen = new Set<string>();
    for (const step of plan.steps) {
      expect(step.dependsOn.every((id) => seen.has(id))).toBe(true);
      seen.add(step.id);
    }
  });

  it('refuses unsupported tech with a 400 that lists what is supported', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await call(`/api/projects/${project.id}/plans`, { key: user.key, body: { techStack: ['cobol'] } });
    expect(response.status).toBe(400);
    const problem = await response.json<{ errors: { pointer: string; detail: string }[] }>();
    expect(problem.errors[0]?.pointer).toBe('#/techStack');
    expect(problem.errors[0]?.detail).toContain('javascript');
    expect(await createDb(env.DB).select().from(plans).where(eq(plans.projectId, project.id))).toEqual([]);
  });

  it('refuses an unknown model with a 400 that lists the available ones', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const response = await call(`/api/projects/${project.id}/plans`, { key: user.key, body: { model: 'openai:gpt-4.1-mini' } });
    expect(response.status).toBe(400);
    expect((await response.json<{ detail: string }>()).detail).toContain('Available: offline');
  });

  it('refuses an unknown template id', async () => {
    const user = await createUser();
    const project = await createProject(user);
    expect((await call(`/api/projects/${project.id}/plans`, { key: user.key, body: { templateId: 'nope' } })).status).toBe(400);
  });
});

describe('generation', () => {
  it('is a 409 while a dependency is not done, and stores nothing', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await planFor(user, project.id, { templateId: 'todo-list' });
    const dependent = plan.steps.find((step) => step.dependsOn.length > 0)!;
    const response = await call(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: dependent.id } });
    expect(response.status).toBe(409);
    expect((await response.json<{ detail: string }>()).detail).toMatch(/first/);
    expect(await callJson<FileEntry[]>(`/api/projects/${project.id}/files`, { key: user.key })).toEqual([]);
  });

  it('is a 409 while the step is being generated, stores nothing, and takes over a generation abandoned for the stale window', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await planFor(user, project.id, { templateId: 'todo-list' });
    const step = plan.steps.find((candidate) => candidate.dependsOn.length === 0)!;
    const db = createDb(env.DB);
    const hold = (msAgo: number) => db.update(planSteps).set({ status: 'generating', updatedAt: new Date(Date.now() - msAgo).toISOString() }).where(eq(planSteps.id, step.id));
    const generate = () => call(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: step.id } });

    await hold(1_000);
    const busy = await generate();
    expect(busy.status).toBe(409);
    expect((await busy.json<{ detail: string }>()).detail).toMatch(/being generated right now/);
    expect(await callJson<FileEntry[]>(`/api/projects/${project.id}/files`, { key: user.key })).toEqual([]);

    await hold(GENERATION_STALE_AFTER_MS + 60_000);
    expect((await generate()).status).toBe(200);
    const [stored] = await db.select().from(planSteps).where(eq(planSteps.id, step.id));
    expect(stored?.status).toBe('done');
  });

  it('concurrent requests for one step each answer 200 or 409, never a 500, each 200 stores one version, and the step ends done', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await planFor(user, project.id, { templateId: 'todo-list' });
    const step = plan.steps.find((candidate) => candidate.dependsOn.length === 0)!;
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => call(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: step.id } })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 200 || status === 409), statuses.join(', ')).toBe(true);
    const generated = statuses.filter((status) => status === 200).length;
    expect(generated).toBeGreaterThan(0);
    const versions = await createDb(env.DB)
      .select()
      .from(fileVersions)
      .where(and(eq(fileVersions.projectId, project.id), eq(fileVersions.path, step.files[0]!)));
    expect(versions).toHaveLength(generated);
    const [stored] = await createDb(env.DB).select().from(planSteps).where(eq(planSteps.id, step.id));
    expect(stored?.status).toBe('done');
  });

  it('is a 404 for a step of another plan', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await planFor(user, project.id, { templateId: 'todo-list' });
    const other = await planFor(user, project.id, { templateId: 'blog' });
    const response = await call(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: other.steps[0]!.id } });
    expect(response.status).toBe(404);
  });

  it('is deterministic offline: the same plan and generation give identical steps and hashes', async () => {
    const user = await createUser();
    const runs = [];
    for (let run = 0; run < 2; run += 1) {
      const project = await createProject(user, { name: 'Same', description: 'Same idea' });
      const plan = await planFor(user, project.id, { features: ['dark mode'], allowPartial: true });
      const written = await generateAll(user, project.id, plan);
      runs.push({
        steps: plan.steps.map(({ id: _id, dependsOn, ...step }) => ({ ...step, dependsOn: dependsOn.length })),
        hashes: written.map((file) => [file.path, file.sha256]),
      });
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('regenerating a step stores a new version that shares the blob', async () => {
    const user = await createUser();
    const project = await createProject(user);
    const plan = await planFor(user, project.id, { templateId: 'todo-list' });
    const step = plan.steps[0]!;
    const first = await callJson<GeneratedFile[]>(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: step.id } });
    const again = await callJson<GeneratedFile[]>(`/api/projects/${project.id}/generate`, { key: user.key, body: { planId: plan.id, stepId: step.id } });
    expect(again.map((file) => file.sha256)).toEqual(first.map((file) => file.sha256));
    const versions = await createDb(env.DB)
      .select()
      .from(fileVersions)
      .where(and(eq(fileVersions.projectId, project.id), eq(fileVersions.path, step.files[0]!)));
    expect(versions.map((version) => version.version).sort()).toEqual([1, 2]);
    const [current] = await createDb(env.DB).select().from(files).where(and(eq(files.projectId, project.id), eq(files.path, step.files[0]!)));
    expect(current?.version).toBe(2);
    expect(await env.FILES.head(`blobs/${first[0]!.sha256}`)).not.toBeNull();
  });
});
