// Calls the API on the Studio's own origin with the key: JSON in and out, problems thrown as ApiError.
import type { ProblemDocument } from './types';

/** An answer of 400 or more, with its problem document when the API sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDocument | null,
  ) {
    super(problem?.detail ?? `The API answered ${status}.`);
  }

  /** Whether the server has no such route at all (an older server), not a missing resource. */
  get routeMissing(): boolean {
    return this.status === 404 && (this.problem?.type.endsWith('/route-not-found') ?? false);
  }
}

async function failure(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  const problem = type.includes('json') ? ((await response.json()) as ProblemDocument) : null;
  return new ApiError(response.status, problem);
}

/** A request's options: a JSON body, or raw text (a hand edit of a file). */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  json?: unknown;
  text?: string;
  signal?: AbortSignal;
}

/**
 * The API as the key's holder sees it.
 *
 * @example const projects = await createApi(key).json<Project[]>('/api/projects');
 */
export function createApi(key: string) {
  // The newest D1 bookmark the API answered: sent back so that, with read replicas on, a screen
  // reads what this tab just wrote (README "Read replicas").
  let bookmark: string | null = null;
  const headers = (options: RequestOptions): Record<string, string> => ({
    Authorization: `Bearer ${key}`,
    ...(bookmark ? { 'X-D1-Bookmark': bookmark } : {}),
    ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(options.text !== undefined ? { 'content-type': 'text/plain; charset=utf-8' } : {}),
  });

  async function send(path: string, options: RequestOptions = {}): Promise<Response> {
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.text;
    const response = await fetch(path, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers: headers(options), body, signal: options.signal });
    bookmark = response.headers.get('X-D1-Bookmark') ?? bookmark;
    if (!response.ok) throw await failure(response);
    return response;
  }

  return {
    key,
    /** The raw response (a stream, a file's bytes). */
    send,
    /** The JSON answer. */
    async json<T>(path: string, options?: RequestOptions): Promise<T> {
      return (await (await send(path, options)).json()) as T;
    },
    /** The answer as text. */
    async text(path: string, options?: RequestOptions): Promise<string> {
      return (await send(path, options)).text();
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** What went wrong, in words for the screen. */
export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));
