/** The offline engine: deterministic, built in, answers from the template catalog and the project's facts. */
import { assistantInstructions, consultantInstructions, streamReply } from '../chat';
import type { Engine } from '../types';
import { assistantAnswer } from './chat';
import { consultantAnswer } from './chat-consultant';
import { KnownAnswerModel } from './chat-model';
import { offlineBuild } from './builder';
import { composeTemplate } from './compose-template';
import { proposeFix } from './fixers';
import { renderStep } from './generate';
import { planFromTemplate } from './plan';
import { planTestSuites, writeTestModule } from './tests';

export const offlineEngine: Engine = {
  model: 'offline',
  designTemplate: async (nearest, request) => composeTemplate(nearest, request),
  planApp: async (input) => planFromTemplate(input),
  generateStep: async (input) => renderStep(input),
  planTests: async (input) => planTestSuites(input),
  writeTests: async (input, suite) => writeTestModule(input, suite),
  chat: (input, builder) =>
    builder ? offlineBuild(input, builder) : streamReply(new KnownAnswerModel(assistantAnswer(input)), assistantInstructions(input.facts), input),
  consult: (input) => streamReply(new KnownAnswerModel(consultantAnswer(input)), consultantInstructions(input.facts), input),
  fix: async (input) => proposeFix(input),
};
