/** What makes a plan valid, whichever engine drafted it: a DAG of steps that covers every feature. */
import { kebab } from '../lib/slug';
import { pathProblem } from '../storage/paths';
import type { PlanDraft } from './types';

/**
 * Every way a draft breaks the rules; empty when it is valid. Steps may depend only on earlier
 * steps (so the order is a topological order and there is no cycle), titles are unique, every
 * file path is valid and written by one step, and every feature of the plan is some step's.
 *
 * @example planProblems({ features: ['dark-mode'], techStack: [], steps }) // ['feature "dark-mode" is covered by no step']
 */
export function planProblems(draft: PlanDraft): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const writers = new Map<string, string>();
  if (draft.steps.length === 0) problems.push('the plan has no steps');
  for (const step of draft.steps) {
    if (seen.has(step.title)) problems.push(`two steps are titled "${step.title}"`);
    for (const dependency of step.dependsOn) {
      if (!seen.has(dependency)) problems.push(`step "${step.title}" depends on "${dependency}", which is not an earlier step`);
    }
    seen.add(step.title);
    if (step.files.length === 0) problems.push(`step "${step.title}" writes no file`);
    for (const path of step.files) {
      const problem = pathProblem(path);
      if (problem) problems.push(`file "${path}" of step "${step.title}" ${problem}`);
      const writer = writers.get(path);
      if (writer) problems.push(`file "${path}" is written by both "${writer}" and "${step.title}"`);
      writers.set(path, step.title);
    }
  }
  const covered = new Set(draft.steps.flatMap((step) => step.features.map(kebab)));
  for (const feature of draft.features.map(kebab)) {
    if (!covered.has(feature)) problems.push(`feature "${feature}" is covered by no step`);
  }
  return problems;
}
