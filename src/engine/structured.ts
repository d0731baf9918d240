/** Structured answers from any OpenAI-compatible server: the schema sent in the subset strict servers accept, the response format a server takes, and JSON read from what it answers. */
import { NoObjectGeneratedError, zodSchema } from 'ai';
import type { FinishReason, JSONSchema7, LanguageModelResponseMetadata, LanguageModelUsage, OutputInterface } from 'ai';
import type { z } from 'zod';

/** How a structured answer is asked for: a JSON schema, JSON of any shape, or plain text with the schema in the prompt. */
export const STRUCTURED_OUTPUT_MODES = ['json_schema', 'json_object', 'text'] as const;
export type StructuredOutputMode = (typeof STRUCTURED_OUTPUT_MODES)[number];

/**
 * Keywords that strict structured outputs (OpenAI's `strict: true`, and servers that copy it) refuse.
 * They are left out of the schema sent; the zod schema still checks them on the answer.
 */
const UNSENT_KEYWORDS = new Set([
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'format',
  'minProperties',
  'maxProperties',
]);

/** Members whose values are maps of names to schemas: the names are data, not keywords. */
const SCHEMA_MAPS = new Set(['properties', '$defs', 'definitions', 'patternProperties']);

/**
 * The schema without the keywords strict servers refuse, at every depth; property names are kept
 * even when they are spelt like a keyword.
 *
 * @example strictSubset({ type: 'string', minLength: 1 }) // { type: 'string' }
 */
export function strictSubset(schema: JSONSchema7): JSONSchema7 {
  return strip(schema) as JSONSchema7;
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== 'object') return node;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (UNSENT_KEYWORDS.has(key)) continue;
    kept[key] =
      SCHEMA_MAPS.has(key) && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, strip(schema)]))
        : strip(value);
  }
  return kept;
}

/**
 * The JSON value in a model's answer: the whole text, else the first ```json (or bare ```) fence,
 * else the outermost `{...}` in prose around it; undefined when none parses.
 *
 * @example readJson('Here it is:\n```json\n{"a": 1}\n```') // { a: 1 }
 */
export function readJson(text: string): unknown {
  const candidates = [text.trim()];
  const fenced = /```(?:json|JSON)?\s*\n([\s\S]*?)\n?```/.exec(text);
  if (fenced) candidates.push(fenced[1]!.trim());
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // The next candidate may be the JSON.
    }
  }
  return undefined;
}

/** The schema of a zod type as the AI SDK converts it, in the strict subset. */
export async function sentSchema(schema: z.ZodType): Promise<JSONSchema7> {
  return strictSubset(await zodSchema(schema).jsonSchema);
}

interface AnswerContext {
  response: LanguageModelResponseMetadata;
  usage: LanguageModelUsage;
  finishReason: FinishReason;
}

/** The few first problems zod found, as one line a model can act on. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'the answer'}: ${issue.message}`)
    .join('; ');
}

/**
 * The AI SDK output of a structured answer in `mode`: the response format the server is sent
 * (the strict subset of the schema, JSON mode, or none), and the answer read from the text with
 * `readJson` and validated by the zod schema. An answer cut off at the output limit, unreadable or
 * invalid is a `NoObjectGeneratedError`, so it can be asked again.
 *
 * @example generateText({ model, prompt, output: await structuredOutput(PlanSchema, 'json_object') })
 */
export async function structuredOutput<T>(schema: z.ZodType<T>, mode: StructuredOutputMode): Promise<OutputInterface<T, unknown, never>> {
  const responseFormat =
    mode === 'json_schema'
      ? { type: 'json' as const, schema: await sentSchema(schema), name: 'answer' }
      : mode === 'json_object'
        ? { type: 'json' as const }
        : { type: 'text' as const };
  return {
    name: 'object',
    responseFormat: Promise.resolve(responseFormat),
    async parseCompleteOutput({ text }: { text: string }, context: AnswerContext): Promise<T> {
      const fail = (message: string, cause?: Error) => new NoObjectGeneratedError({ ...context, message, cause, text });
      if (context.finishReason === 'length') throw fail('the answer was cut off at the output limit');
      const value = readJson(text);
      if (value === undefined) throw fail(text.trim() ? 'the answer is not JSON' : 'the answer was empty');
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw fail(`the answer does not match the schema (${describeIssues(parsed.error)})`, parsed.error);
      return parsed.data;
    },
    parsePartialOutput: async () => undefined,
    createElementStreamTransform: () => undefined,
  };
}

/** How long a server's refusal of a response format is remembered, so later calls do not ask again. */
export const REFUSAL_MEMORY_MS = 10 * 60 * 1000;

/**
 * The format each server (base URL and model) fell back to, and until when. Kept per isolate: a
 * refusal is one quick 400, so an isolate that has not met it yet pays it once.
 */
const fallbacks = new Map<string, { mode: StructuredOutputMode; until: number }>();

/** The mode to start with on `server`: the one it last fell back to, or `json_schema`. */
export function startingMode(server: string, now = Date.now()): StructuredOutputMode {
  const remembered = fallbacks.get(server);
  if (remembered && remembered.until > now) return remembered.mode;
  fallbacks.delete(server);
  return 'json_schema';
}

/** Remembers that `server` answers in `mode` after refusing the ones before it. */
export function rememberFallback(server: string, mode: StructuredOutputMode, now = Date.now()): void {
  fallbacks.set(server, { mode, until: now + REFUSAL_MEMORY_MS });
}

/** The next mode to try after `mode` was refused, or null after plain text. */
export function fallbackAfter(mode: StructuredOutputMode): StructuredOutputMode | null {
  return STRUCTURED_OUTPUT_MODES[STRUCTURED_OUTPUT_MODES.indexOf(mode) + 1] ?? null;
}

/**
 * The instructions a prompt carries when the server is not sent the schema (JSON or text mode):
 * the schema itself, and how to answer.
 */
export async function schemaInstructions(schema: z.ZodType): Promise<string> {
  return `Answer with one JSON object, and nothing else, that matches this JSON schema:\n${JSON.stringify(await sentSchema(schema))}`;
}
