/** Which models can answer now, which one answers by default, and the engine behind a model id. */
import { createOpenAI } from '@ai-sdk/openai';
import type { Bindings } from '../app-env';
import { badRequest } from '../lib/problems';
import { createAiEngine, DEFAULT_MODEL_TIMEOUT_MS } from './ai';
import { meteredModel } from './metering';
import type { Meter } from './metering';
import { offlineEngine } from './offline';
import type { Engine } from './types';

export const OFFLINE_MODEL = 'offline';
const OPENAI_PREFIX = 'openai:';
/** Listed when OpenAI is configured; any other `openai:<model>` is accepted too (compatible servers name their own). */
const LISTED_OPENAI_MODELS = ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini'];
const FALLBACK_OPENAI_MODEL = 'openai:gpt-4.1-mini';

/** OpenAI, or a compatible server, is usable when a key or a base URL is configured. */
function openAiConfigured(env: Bindings): boolean {
  return Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
}

/**
 * The model that answers when a request names none: `DEFAULT_MODEL`, else OpenAI when a key is
 * set, else `offline`.
 */
export function defaultModel(env: Bindings): string {
  if (env.DEFAULT_MODEL) return env.DEFAULT_MODEL;
  return env.OPENAI_API_KEY ? FALLBACK_OPENAI_MODEL : OFFLINE_MODEL;
}

/** The model ids that can answer now, the default first. */
export function availableModels(env: Bindings): string[] {
  const ids = [OFFLINE_MODEL];
  if (openAiConfigured(env)) ids.push(...LISTED_OPENAI_MODELS.map((model) => OPENAI_PREFIX + model));
  const preferred = defaultModel(env);
  return [preferred, ...ids.filter((id) => id !== preferred)];
}

/**
 * The models that can build what the catalog has no template for: those configured now, or else
 * the ones that configuring OpenAI (`OPENAI_API_KEY`) would make available.
 */
export function buildingModels(env: Bindings): string[] {
  const configured = availableModels(env).filter((id) => id !== OFFLINE_MODEL);
  return configured.length > 0 ? configured : LISTED_OPENAI_MODELS.map((model) => OPENAI_PREFIX + model);
}

/**
 * The engine for a model id (the default when none is given). An unknown or unavailable model
 * is a 400 that lists the available ids. With a `meter`, a model engine's every call is checked
 * and charged to it; the offline engine costs nothing and is never metered.
 *
 * @example const engine = engineFor(env, body.model); await engine.planApp(input)
 */
export function engineFor(env: Bindings, requested?: string, meter?: Meter): Engine {
  const model = requested ?? defaultModel(env);
  if (model === OFFLINE_MODEL) return offlineEngine;
  const openAiModel = model.startsWith(OPENAI_PREFIX) ? model.slice(OPENAI_PREFIX.length) : '';
  if (openAiModel && openAiConfigured(env)) {
    const provider = createOpenAI({
      apiKey: env.OPENAI_API_KEY ?? 'not-needed',
      ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    });
    // Chat Completions, not the Responses API: it is what OpenAI-compatible servers speak.
    const languageModel = provider.chat(openAiModel);
    const timeoutSeconds = Number(env.MODEL_TIMEOUT_SECONDS);
    const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_MODEL_TIMEOUT_MS;
    return createAiEngine(meter ? meteredModel(languageModel, model, meter) : languageModel, model, timeoutMs);
  }
  const available = availableModels(env);
  throw badRequest(`Model "${model}" is not available. Available: ${available.join(', ')}.`, [
    { location: 'body', pointer: '#/model', detail: `Use one of: ${available.join(', ')}` },
  ]);
}
