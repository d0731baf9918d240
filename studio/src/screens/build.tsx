// Build: the latest plan's steps as a graph with their live status, and "generate all", which
// writes each step in order and then deploys a preview.
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api';
import type { BuildPlan, BuildStep, StepStatus } from '../types';
import { PlanGraph } from './plan-graph';
import type { TabProps } from './project';

export function BuildTab({ api, project, preview, reloadProject }: TabProps) {
  const [plan, setPlan] = useState<BuildPlan | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/projects/${project.id}`;

  const load = useCallback(() => {
    api.json<BuildPlan[]>(`${base}/plans?limit=1`).then((plans) => setPlan(plans[0] ?? null), (failure) => setError(describeError(failure)));
  }, [api, base]);
  useEffect(load, [load]);

  const setStep = (stepId: string, status: StepStatus, lastError: string | null = null) =>
    setPlan((current) => current && { ...current, steps: current.steps.map((step) => (step.id === stepId ? { ...step, status, lastError } : step)) });

  async function generate(steps: BuildStep[]): Promise<boolean> {
    for (const step of steps) {
      setStep(step.id, 'generating');
      try {
        await api.json(`${base}/generate`, { json: { planId: plan!.id, stepId: step.id } });
        setStep(step.id, 'done');
      } catch (failure) {
        setStep(step.id, 'failed', describeError(failure));
        return false;
      }
    }
    return true;
  }

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
      reloadProject();
    }
  }

  const generateAll = () =>
    run(async () => {
      const remaining = [...plan!.steps].sort((a, b) => a.order - b.order).filter((step) => step.status !== 'done');
      if (await generate(remaining)) await preview.deploy();
    });

  const makePlan = () => run(async () => setPlan(await api.json<BuildPlan>(`${base}/plans`, { json: {} })));

  if (plan === undefined) return error ? <p role="alert" className="error">{error}</p> : <p>Loading…</p>;
  if (plan === null) {
    return (
      <>
        <h2>Build</h2>
        <p>No plan yet. A plan starts from the template that fits the project's description.</p>
        <button type="button" onClick={() => void makePlan()} disabled={busy}>
          Plan it
        </button>
        {error && <p role="alert" className="error">{error}</p>}
      </>
    );
  }
  const done = plan.steps.filter((step) => step.status === 'done').length;
  const isDone = (id: string) => plan.steps.find((step) => step.id === id)?.status === 'done';
  return (
    <>
      <h2>Build</h2>
      <p>
        Template <strong>{plan.templateId}</strong>
        {plan.fit && plan.fit !== 'exact' && <> ({plan.fit === 'none' ? 'the nearest one; it does not fit' : 'fits part of the idea'})</>}. {done} of {plan.steps.length} steps done.
      </p>
      <p>
        <button type="button" onClick={() => void generateAll()} disabled={busy || done === plan.steps.length}>
          Generate all
        </button>{' '}
        <button type="button" onClick={() => void run(() => preview.deploy())} disabled={busy || done === 0}>
          Deploy a preview
        </button>
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      <PlanGraph steps={plan.steps} />
      <ol className="steps" aria-label="Steps">
        {[...plan.steps]
          .sort((a, b) => a.order - b.order)
          .map((step) => (
            <li key={step.id}>
              <span className={`badge ${step.status}`}>{step.status}</span> <strong>{step.title}</strong>
              <p>{step.description}</p>
              <p className="files-line">{step.files.join(', ')}</p>
              {step.lastError && <p className="error">{step.lastError}</p>}
              {step.status !== 'done' && (
                <button
                  type="button"
                  onClick={() => void run(async () => void (await generate([step])))}
                  disabled={busy || !step.dependsOn.every(isDone)}
                  aria-label={`Generate "${step.title}"`}
                >
                  Generate
                </button>
              )}
            </li>
          ))}
      </ol>
    </>
  );
}
