/** Offline generation: renders the template's files for a step, personalised with the project's name and description. */
import { templatePaths } from '../../templates/files';
import type { FileDraft, StepInput } from '../types';
import { appIdentity, personalise } from './personalise';
import { featureSpecPath } from './plan';
import { shopProducts } from './seed';


function renderFeatureSpec(feature: string, input: StepInput): string {
  const title = feature.replaceAll('-', ' ');
  return [
    `# ${title[0]?.toUpperCase()}${title.slice(1)}`,
    '',
    `Requested for **${input.project.name}**${input.project.description ? `: ${input.project.description}` : '.'}`,
    '',
    '## Where it fits',
    '',
    `The app is built on the \`${input.template.id}\` template (${input.template.name}). Its logic lives in`,
    ...templatePaths(input.template)
      .filter((path) => path.startsWith('src/lib/'))
      .map((path) => `- \`${path}\``),
    '',
    '## To accept it',
    '',
    `- A user can use "${title}" from the main page without reloading.`,
    '- Its logic is a DOM-free function in `src/lib/`, with tests of its inputs and outputs.',
    '- Nothing that worked before stops working.',
    '',
    '## Status',
    '',
    'Specified, not implemented: the offline engine has no rule that writes this feature.',
    'Generate this step again with a model (`"model": "openai:gpt-4.1-mini"`), or edit the files by hand',
    '(`PUT /api/projects/{id}/files/{path}`).',
    '',
  ].join('\n');
}

/** A file whose content comes from the idea, not the template: the shop's products, when the idea names what it sells. */
function seedFor(input: StepInput, path: string): string | undefined {
  if (input.template.id === 'product-catalog' && path === 'products.json') {
    return shopProducts(`${input.project.name} ${input.project.description}`);
  }
  return undefined;
}

/**
 * The files of one step, byte-identical for the same inputs.
 *
 * @example renderStep(input).map((file) => file.path) // ['src/lib/todos.js']
 */
export function renderStep(input: StepInput): FileDraft[] {
  const source = input.templateFiles;
  const app = appIdentity(input.project, input.template.tagline ?? input.template.description);
  return input.step.files.map((path) => {
    const feature = input.step.features.find((name) => featureSpecPath(name) === path);
    if (feature) return { path, content: renderFeatureSpec(feature, input) };
    const seeded = seedFor(input, path);
    if (seeded !== undefined) return { path, content: seeded };
    const content = source[path];
    if (content === undefined) throw new Error(`Template ${input.template.id} has no file ${path}`);
    return { path, content: personalise(path, content, app) };
  });
}
