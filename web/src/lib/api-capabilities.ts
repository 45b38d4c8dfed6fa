/**
 * What this Writ server's API offers, read from its own OpenAPI description (/openapi.json, public).
 * Pages show a control only when the operation behind it exists, so a page built before an API
 * lands simply grows the control once the server has the route.
 */
interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
interface OpenApi {
  paths?: Record<string, Record<string, Operation>>;
}

let spec: Promise<OpenApi> | null = null;

function loadSpec(): Promise<OpenApi> {
  spec ??= fetch('/openapi.json', { headers: { accept: 'application/json' } }).then(
    (r) => (r.ok ? (r.json() as Promise<OpenApi>) : {}),
    () => ({}),
  );
  return spec;
}

/** The values a JSON schema allows, when it is an enumeration (enum, const, or a union of consts). */
export function enumValues(s: JsonSchema | undefined): string[] {
  if (!s) return [];
  if (Array.isArray(s.enum)) return s.enum.filter((v): v is string => typeof v === 'string');
  if (typeof s.const === 'string') return [s.const];
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap(enumValues);
}

export interface FoundOperation {
  /** The path template, e.g. "/api/v1/demands/{ref}/customer-answer". */
  path: string;
  /** The request body's top-level properties. */
  properties: Record<string, JsonSchema>;
}

/** The first POST operation whose path and request body satisfy `test`, or null. */
export async function findPostOperation(
  test: (path: string, properties: Record<string, JsonSchema>) => boolean,
): Promise<FoundOperation | null> {
  const api = await loadSpec();
  for (const [path, ops] of Object.entries(api.paths ?? {})) {
    const op = ops.post;
    if (!op) continue;
    const content = op.requestBody?.content ?? {};
    const schema = content['application/json']?.schema ?? Object.values(content)[0]?.schema;
    const properties = schema?.properties ?? {};
    if (test(path, properties)) return { path, properties };
  }
  return null;
}

/** Fill a path template: "/x/{ref}" with { ref: "WR-1" }. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}
