/** The offline engine: deterministic, built in, answers from the template catalog and the project's facts. */
import type { Engine } from '../types';
import { composeTemplate } from './compose-template';
import { renderStep } from './generate';
import { planFromTemplate } from './plan';

export const offlineEngine: Engine = {
  model: 'offline',
  designTemplate: async (nearest, request) => composeTemplate(nearest, request),
  planApp: async (input) => planFromTemplate(input),
  generateStep: async (input) => renderStep(input),
};
