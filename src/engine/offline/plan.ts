/** Offline planning: the template's own steps, plus one specification step for each requested feature it lacks. */
import { kebab } from '../../lib/slug';
import type { TemplateMeta } from '../../templates/types';
import type { PlanDraft, PlanInput, StepDraft } from '../types';

/** Where the offline engine writes the specification of a feature it has no implementation for. */
export const featureSpecPath = (feature: string) => `docs/features/${feature}.md`;

const words = (feature: string) => new Set(feature.split('-').filter((word) => word.length > 2).map((word) => word.replace(/s$/, '')));

/**
 * The template feature a requested feature names, if any: the same slug, or one whose words
 * contain all of the request's words ("filter" → "filter-todos", "persist" → "persist-locally").
 */
export function coveringFeature(template: TemplateMeta, requested: string): string | undefined {
  if (template.features.includes(requested)) return requested;
  const wanted = words(requested);
  if (wanted.size === 0) return undefined;
  return template.features.find((feature) => {
    const offered = words(feature);
    return [...wanted].every((word) => offered.has(word));
  });
}

/**
 * The template's steps as they are, and for each requested feature the template does not cover,
 * a step that writes its specification after the steps nothing else depends on.
 *
 * @example planFromTemplate({ project, template, features: ['dark-mode'], techStack: [] }).steps.at(-1)?.title // 'Specify dark mode'
 */
export function planFromTemplate(input: PlanInput): PlanDraft {
  const { template } = input;
  const requested = [...new Set(input.features.map(kebab).filter(Boolean))];
  const uncovered = requested.filter((feature) => !coveringFeature(template, feature));
  const dependedOn = new Set(template.steps.flatMap((step) => step.dependsOn));
  const finalSteps = template.steps.filter((step) => !dependedOn.has(step.title)).map((step) => step.title);

  const featureSteps: StepDraft[] = uncovered.map((feature) => ({
    title: `Specify ${feature.replaceAll('-', ' ')}`,
    description:
      `Write the specification of "${feature}" for ${input.project.name}: what it does, where it fits and how to accept it. ` +
      'The offline engine has no implementation rule for this feature; generate this step with a model, or implement it by hand from the specification.',
    files: [featureSpecPath(feature)],
    dependsOn: finalSteps,
    features: [feature],
  }));

  return {
    features: [...template.features, ...uncovered],
    techStack: [...new Set([...template.techStack, ...input.techStack])],
    steps: [...template.steps.map((step) => ({ ...step })), ...featureSteps],
  };
}
