/**
 * The client for Writ's API: JSON in and out, RFC 9457 problems turned into ApiError with the
 * offending fields by JSON pointer. Credentials come from auth.ts; nothing here knows their kind.
 */
import { authorize } from './auth.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { pointer: string; detail: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail || problem?.title || fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Field errors keyed by JSON pointer into the request body, e.g. "/targets/0/value". */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) out[e.pointer] ??= e.detail;
    return out;
  }
}

/** Fired when the API no longer recognises the credentials: the session layer signs out. */
export const UNAUTHENTICATED_EVENT = 'writ:unauthenticated';

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** A JSON body. */
  json?: unknown;
  /** A multipart body (documents). */
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * A 401 here is an answer, not a lost session (signing in with wrong credentials): the caller
   * shows it, and the session layer is not told.
   */
  expectUnauthenticated?: boolean;
}

async function send(path: string, o: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  let body: BodyInit | undefined;
  if (o.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.json);
  } else if (o.form) {
    body = o.form; // the browser sets the multipart boundary
  }
  const res = await fetch(
    withQuery(path, o.query),
    authorize({ method: o.method ?? 'GET', headers, body: body ?? null, signal: o.signal ?? null }),
  );
  if (res.ok) return res;
  let problem: Problem | null = null;
  if (/json/.test(res.headers.get('content-type') ?? ''))
    problem = (await res.json().catch(() => null)) as Problem | null;
  if (res.status === 401 && !o.expectUnauthenticated) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  throw new ApiError(res.status, problem, `${res.status} ${res.statusText}`);
}

/** The JSON answer; undefined for 204 No Content (signing out, for one). */
export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const res = await send(path, o);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Fetch a file from the API and hand it to the browser as a download (the API wants credentials a plain link lacks). */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await apiFile(path, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file from the API, with the name its Content-Disposition gives. */
export async function apiFile(path: string, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
  const res = await send(path, { headers: { accept: '*/*' } });
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="([^"]+)"/i.exec(cd);
  const filename = star ? decodeURIComponent(star[1]!) : (plain?.[1] ?? fallbackName);
  return { blob: await res.blob(), filename };
}
