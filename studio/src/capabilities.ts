// What this server can do, read from its own /openapi.json: a panel whose operations the server
// lacks (an older server without versions) is not shown, and never costs a failing request.

/** `METHOD /path` of every operation, e.g. `GET /api/projects/{projectId}/versions`. */
export type Capabilities = Set<string>;

export async function loadCapabilities(): Promise<Capabilities> {
  const response = await fetch('/openapi.json');
  if (!response.ok) return new Set();
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return new Set(
    Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`)),
  );
}
