/** Which models can answer now, which one answers by default, and the engine behind a model id. */
import { OpenAIChatLanguageModel } from '@ai-sdk/openai/internal';
import { z } from 'zod';
import type { Bindings } from '../app-env';
import { redactSecrets } from '../lib/log';
import { badRequest } from '../lib/problems';
import { createAiEngine, DEFAULT_MODEL_TIMEOUT_MS } from './ai';
import { meteredModel } from './metering';
import type { Meter } from './metering';
import { offlineEngine } from './offline';
import { readJson, STRUCTURED_OUTPUT_MODES } from './structured';
import type { StructuredOutputMode } from './structured';
import type { Engine } from './types';
import { modelFailed } from './upstream';

export const OFFLINE_MODEL = 'offline';
const OPENAI_PREFIX = 'openai:';
/** Listed when OpenAI is configured without a base URL; any other `openai:<model>` is accepted too. */
const LISTED_OPENAI_MODELS = ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini'];
const FALLBACK_OPENAI_MODEL = 'openai:gpt-4.1-mini';
const OPENAI_API_URL = 'https://api.openai.com/v1';

/** How long the model list of a compatible server (GET {base}/models) is kept before it is asked again. */
export const SERVER_MODELS_TTL_MS = 60_000;
/** How long GET {base}/models may take: a local server answers it at once, or is not running. */
const SERVER_MODELS_TIMEOUT_MS = 5_000;

/** Each base URL's model ids and until when they are good; per isolate. */
const serverModels = new Map<string, { ids: string[]; until: number }>();

const ModelListSchema = z.object({ data: z.array(z.object({ id: z.string().min(1) })) });

/** OpenAI, or a compatible server, is usable when a key or a base URL is configured. */
function openAiConfigured(env: Bindings): boolean {
  return Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
}

const redactFor = (env: Bindings) => (text: string) => redactSecrets(text, env);

/** What an error answer of a model server says: OpenAI's `{error: {message}}`, else the start of the body. */
async function errorMessageOf(response: Response): Promise<string> {
  const text = await response.text();
  const parsed = z.object({ error: z.object({ message: z.string() }) }).safeParse(readJson(text));
  return parsed.success ? parsed.data.error.message : text.slice(0, 300) || response.statusText;
}

/**
 * The ids the server at `OPENAI_BASE_URL` lists (`GET {base}/models`), in its order, kept for
 * `SERVER_MODELS_TTL_MS`. A 502 that says what the server answered when it cannot list them.
 *
 * @example await serverModelIds(env) // ['llama3.1:8b', 'qwen2.5-coder:7b']
 */
export async function serverModelIds(env: Bindings, now = Date.now()): Promise<string[]> {
  const base = env.OPENAI_BASE_URL!.replace(/\/+$/, '');
  const cached = serverModels.get(base);
  if (cached && cached.until > now) return cached.ids;
  const redact = redactFor(env);
  const fix = 'Start the server, or name a model with DEFAULT_MODEL or "model".';
  let response: Response;
  try {
    response = await fetch(`${base}/models`, {
      headers: env.OPENAI_API_KEY ? { Authorization: `Bearer ${env.OPENAI_API_KEY}` } : {},
      signal: AbortSignal.timeout(SERVER_MODELS_TIMEOUT_MS),
    });
  } catch (error) {
    throw modelFailed(redact(`The model server at ${base} could not be reached to list its models (${error instanceof Error ? error.message : 'error'}). ${fix}`));
  }
  if (!response.ok) throw modelFailed(redact(`The model server at ${base} answered HTTP ${response.status} to GET /models: ${await errorMessageOf(response)}. ${fix}`));
  const list = ModelListSchema.safeParse(readJson(await response.text()));
  if (!list.success) throw modelFailed(redact(`The model server at ${base} answered GET /models with no OpenAI model list. ${fix}`));
  if (list.data.data.length === 0) throw modelFailed(redact(`The model server at ${base} lists no models: load or pull one first. ${fix}`));
  const ids = list.data.data.map((entry) => entry.id);
  serverModels.set(base, { ids, until: now + SERVER_MODELS_TTL_MS });
  return ids;
}

/**
 * The model that answers when a request names none: `DEFAULT_MODEL`; else, with `OPENAI_BASE_URL`,
 * the first model that server lists; else `openai:gpt-4.1-mini` when an OpenAI key is set; else `offline`.
 */
export async function defaultModel(env: Bindings): Promise<string> {
  if (env.DEFAULT_MODEL) return env.DEFAULT_MODEL;
  if (env.OPENAI_BASE_URL) return OPENAI_PREFIX + (await serverModelIds(env))[0]!;
  return env.OPENAI_API_KEY ? FALLBACK_OPENAI_MODEL : OFFLINE_MODEL;
}

/** The model ids that can answer now, the default first: with a base URL, the ones its server lists. */
export async function availableModels(env: Bindings): Promise<string[]> {
  const ids = [OFFLINE_MODEL];
  if (env.OPENAI_BASE_URL) ids.push(...(await serverModelIds(env)).map((model) => OPENAI_PREFIX + model));
  else if (env.OPENAI_API_KEY) ids.push(...LISTED_OPENAI_MODELS.map((model) => OPENAI_PREFIX + model));
  const preferred = await defaultModel(env);
  return [preferred, ...ids.filter((id) => id !== preferred)];
}

/** Whether a model id can answer: `offline` always, `openai:<model>` once OpenAI or a compatible server is configured. */
const isAvailable = (env: Bindings, model: string) =>
  model === OFFLINE_MODEL || (model.startsWith(OPENAI_PREFIX) && model.length > OPENAI_PREFIX.length && openAiConfigured(env));

/**
 * The models that can build what the catalog has no template for: those configured now, or else
 * the ones that configuring OpenAI (`OPENAI_API_KEY`) would make available.
 */
export async function buildingModels(env: Bindings): Promise<string[]> {
  const configured = (await availableModels(env).catch(() => [OFFLINE_MODEL])).filter((id) => id !== OFFLINE_MODEL);
  return configured.length > 0 ? configured : LISTED_OPENAI_MODELS.map((model) => OPENAI_PREFIX + model);
}

/**
 * The model id a request means: the one it names, or the default. An unavailable one is a 400
 * that lists the available ids.
 *
 * @example const model = await resolveModel(env, body.model); // 'openai:llama3.1:8b'
 */
export async function resolveModel(env: Bindings, requested?: string): Promise<string> {
  if (requested === undefined) return defaultModel(env);
  if (isAvailable(env, requested)) return requested;
  // The list is for the message only: a server that cannot list its models leaves `offline`.
  const available = await availableModels(env).catch(() => [OFFLINE_MODEL]);
  throw badRequest(`Model "${requested}" is not available. Available: ${available.join(', ')}.`, [
    { location: 'body', pointer: '#/model', detail: `Use one of: ${available.join(', ')}` },
  ]);
}

/** The response format setting: one of the modes, or `auto` when unset (or not one of them). */
function structuredOutputSetting(env: Bindings): StructuredOutputMode | 'auto' {
  const value = env.MODEL_STRUCTURED_OUTPUT;
  return STRUCTURED_OUTPUT_MODES.find((mode) => mode === value) ?? 'auto';
}

/**
 * The engine of a model id (`resolveModel` gives it). An unavailable model is a 400. With a
 * `meter`, a model engine's every call is checked and charged to it; the offline engine costs
 * nothing and is never metered.
 *
 * @example const engine = engineFor(env, await resolveModel(env, body.model)); await engine.planApp(input)
 */
export function engineFor(env: Bindings, model: string, meter?: Meter): Engine {
  if (model === OFFLINE_MODEL) return offlineEngine;
  if (!isAvailable(env, model)) {
    throw badRequest(`Model "${model}" is not available: GET /api/models lists those that are.`, [
      { location: 'body', pointer: '#/model', detail: 'Use a model GET /api/models lists' },
    ]);
  }
  const openAiModel = model.slice(OPENAI_PREFIX.length);
  const baseUrl = (env.OPENAI_BASE_URL ?? OPENAI_API_URL).replace(/\/+$/, '');
  // Chat Completions, not the Responses API: it is what OpenAI-compatible servers speak. The
  // model class is built directly, as `createOpenAI().chat(id)` builds it, because the provider
  // object reaches every OpenAI model kind (responses, images, speech, files...) and would bring
  // them all into the Worker's bundle.
  const languageModel = new OpenAIChatLanguageModel(openAiModel, {
    provider: 'openai.chat',
    url: ({ path }) => `${baseUrl}${path}`,
    headers: { Authorization: `Bearer ${env.OPENAI_API_KEY ?? 'not-needed'}` },
  });
  const timeoutSeconds = Number(env.MODEL_TIMEOUT_SECONDS);
  const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_MODEL_TIMEOUT_MS;
  return createAiEngine(meter ? meteredModel(languageModel, model, meter) : languageModel, model, timeoutMs, {
    structuredOutput: structuredOutputSetting(env),
    server: `${env.OPENAI_BASE_URL ?? 'openai'} ${openAiModel}`,
    redact: redactFor(env),
  });
}
