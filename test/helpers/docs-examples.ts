/**
 * The executable examples of `docs/queries.md`, shared by `npm run docs:queries` (which runs them
 * and rewrites their answers) and `test/api/docs-queries.test.ts` (which runs them and fails when
 * a documented answer is not exactly the live one).
 *
 * An example is a request block followed by its answer block:
 * - request: a ```graphql block (POSTed to /graphql as `{"query": …}` with
 *   `Accept: application/graphql-response+json`), optionally followed by a ```json variables block;
 *   or an ```http block holding a whole request (`GET /graphql?query=… HTTP/1.1`, headers, a body);
 * - answer: a ```json block (the body of an HTTP 200 answer), or an ```http block (`HTTP/1.1 400 Bad
 *   Request`, the headers the doc chooses to show, a blank line, the body) for any other status,
 *   or to show headers.
 * An array whose last item is the string "… N more" stands for N further items left out of the doc.
 * Any other ```json or ```http block is an error; blocks in other languages are left alone.
 *
 * No vitest here: the script imports this module too.
 */
import { STATUS_CODES } from 'node:http';
import { type Config, loadConfig } from '../../src/config.ts';

/** The origin requests are made against (the in-process server ignores it). */
export const ORIGIN = 'http://localhost:4000';

/**
 * The configuration examples run with: every documented default, except a deadline long enough for
 * a loaded machine (no documented answer depends on it). No time budget per client: the examples
 * run one after another from one client, some of them dear.
 */
export const examplesConfig = (): Config =>
  loadConfig({ NODE_ENV: 'test', EXECUTION_TIMEOUT_MS: '120000', RATE_LIMIT_TIME_MS: '0' });

/** The transaction timeout of the examples' reads (see `examplesConfig`). */
export const EXAMPLES_QUERY_TIMEOUT_MS = 120_000;

/** A fenced code block: its language, the rest of its info string, its text, its lines. */
export interface Fence {
  lang: string;
  meta: string;
  body: string;
  /** 0-based line of the opening fence. */
  open: number;
  /** 0-based line of the closing fence. */
  close: number;
}

export interface Example {
  /** The nearest heading above it. */
  title: string;
  /** 1-based line of the request block, for messages. */
  line: number;
  request: Fence;
  variables?: Fence;
  answer: Fence;
}

export function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const found: Fence[] = [];
  let open: { lang: string; meta: string; line: number; marker: string } | undefined;
  lines.forEach((line, i) => {
    if (!open) {
      const start = /^(`{3,})\s*([\w-]*)\s*(.*)$/.exec(line);
      if (start)
        open = {
          marker: start[1] as string,
          lang: start[2] as string,
          meta: (start[3] as string).trim(),
          line: i,
        };
      return;
    }
    if (line.trim() === open.marker) {
      found.push({
        lang: open.lang,
        meta: open.meta,
        body: lines.slice(open.line + 1, i).join('\n'),
        open: open.line,
        close: i,
      });
      open = undefined;
    }
  });
  if (open) throw new Error(`line ${open.line + 1}: code block never closed`);
  return found;
}

const isHttpResponse = (f: Fence) => f.lang === 'http' && /^HTTP\/\d(\.\d)? \d{3}/.test(f.body.trim());
const isRequest = (f: Fence) => f.lang === 'graphql' || (f.lang === 'http' && !isHttpResponse(f));
const isAnswer = (f: Fence) => (f.lang === 'json' && f.meta === '') || isHttpResponse(f);

export function parseExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const titleAt = (line: number) => {
    for (let i = line; i >= 0; i--) {
      const heading = /^#+\s+(.*)$/.exec(lines[i] as string);
      if (heading) return heading[1] as string;
    }
    return '(no heading)';
  };
  const blocks = fences(markdown).filter(
    (f) => f.lang === 'graphql' || f.lang === 'json' || f.lang === 'http',
  );
  const examples: Example[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const request = blocks[i] as Fence;
    const where = `docs line ${request.open + 1}`;
    if (!isRequest(request))
      throw new Error(
        `${where}: a \`\`\`${request.lang} block that follows no request (see the top of the doc)`,
      );
    let next = blocks[i + 1];
    let variables: Fence | undefined;
    if (next && request.lang === 'graphql' && next.lang === 'json' && next.meta === 'variables') {
      variables = next;
      i++;
      next = blocks[i + 1];
    }
    if (!next || !isAnswer(next))
      throw new Error(`${where}: the request has no answer block (\`\`\`json or \`\`\`http) after it`);
    i++;
    examples.push({ title: titleAt(request.open), line: request.open + 1, request, variables, answer: next });
  }
  return examples;
}

/** An HTTP request as written in an ```http block (or built from a ```graphql one). */
export interface ExampleRequest {
  method: string;
  target: string;
  headers: [string, string][];
  body?: string;
}

export function requestOf(example: Example): ExampleRequest {
  const { request, variables } = example;
  if (request.lang === 'graphql') {
    const body: Record<string, unknown> = { query: request.body };
    if (variables) body.variables = JSON.parse(variables.body);
    return {
      method: 'POST',
      target: '/graphql',
      headers: [
        ['content-type', 'application/json'],
        ['accept', 'application/graphql-response+json'],
      ],
      body: JSON.stringify(body),
    };
  }
  const [head, ...rest] = request.body.split(/\n\s*\n/);
  const [requestLine, ...headerLines] = (head as string).split('\n');
  const parts = /^([A-Z]+) (\S+) HTTP\/1\.1$/.exec((requestLine as string).trim());
  if (!parts)
    throw new Error(`docs line ${example.line}: expected "METHOD /path HTTP/1.1", got "${requestLine}"`);
  const body = rest.join('\n\n').trim();
  return {
    method: parts[1] as string,
    target: parts[2] as string,
    headers: headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    }),
    body: body === '' ? undefined : body,
  };
}

/** What the server answered. */
export interface LiveAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when there is none (304). */
  body?: unknown;
}

export async function send(
  fetch: (request: Request) => Promise<Response>,
  request: ExampleRequest,
): Promise<LiveAnswer> {
  const response = await fetch(
    new Request(`${ORIGIN}${request.target}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    }),
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

// Trimmed arrays

const MORE = /^… (\d+) more$/;
const more = (n: number) => `… ${n} more`;

type Path = (string | number)[];

/** Where the documented answer leaves items out: path → how many items it shows. */
export function trimsOf(
  value: unknown,
  path: Path = [],
  trims = new Map<string, number>(),
): Map<string, number> {
  if (Array.isArray(value)) {
    const last = value.at(-1);
    const shown = typeof last === 'string' && MORE.test(last) ? value.length - 1 : value.length;
    if (shown < value.length) trims.set(JSON.stringify(path), shown);
    value.slice(0, shown).forEach((item, i) => {
      trimsOf(item, [...path, i], trims);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) trimsOf(item, [...path, key], trims);
  }
  return trims;
}

/** The live answer cut where the documented one is. */
export function applyTrims(value: unknown, trims: Map<string, number>, path: Path = []): unknown {
  if (Array.isArray(value)) {
    const shown = trims.get(JSON.stringify(path)) ?? value.length;
    const kept = value.slice(0, shown).map((item, i) => applyTrims(item, trims, [...path, i]));
    return shown < value.length ? [...kept, more(value.length - shown)] : kept;
  }
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, applyTrims(item, trims, [...path, key])]),
    );
  return value;
}

// Rendering

const WIDTH = 100;

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/**
 * JSON as the doc shows it: two-space indents; an array of scalars, or an object of scalars, on one
 * line when it fits in the width; anything else one item a line. `column` is where the value starts.
 */
export function formatJson(value: unknown, indent = '', column = indent.length): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (value.every(isScalar) && column + inline.length <= WIDTH) return inline;
    return `[\n${value.map((v) => `${inner}${formatJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inline = `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
    if (entries.every(([, v]) => isScalar(v)) && column + inline.length <= WIDTH) return inline;
    const lines = entries.map(([k, v]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return `${key}${formatJson(v, inner, key.length)}`;
    });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Headers an ```http answer shows when the doc does not list its own. */
const DEFAULT_HEADERS = ['etag', 'cache-control', 'retry-after', 'allow'];

/** The headers a documented ```http answer lists, in order. */
function documentedHeaders(answer: Fence): string[] {
  const [head] = answer.body.trim().split(/\n\s*\n/);
  return (head as string)
    .split('\n')
    .slice(1)
    .map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase())
    .filter(Boolean);
}

/** The body of the documented answer, parsed (for its trims); undefined when there is none or it is not JSON. */
function documentedBody(answer: Fence): unknown {
  const text =
    answer.lang === 'json'
      ? answer.body
      : answer.body
          .trim()
          .split(/\n\s*\n/)
          .slice(1)
          .join('\n\n');
  try {
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The answer block's text (language and body) for a live answer: a ```json block for a 200 the doc
 * shows as JSON, else an ```http block with the headers the doc shows; cut where the doc cuts.
 */
export function renderAnswer(live: LiveAnswer, documented: Fence): { lang: 'json' | 'http'; body: string } {
  const trims = trimsOf(documentedBody(documented));
  const body = live.body === undefined ? undefined : formatJson(applyTrims(live.body, trims));
  if (documented.lang === 'json' && live.status === 200 && body !== undefined) return { lang: 'json', body };
  const names = documented.lang === 'http' ? documentedHeaders(documented) : DEFAULT_HEADERS;
  const lines = [`HTTP/1.1 ${live.status} ${STATUS_CODES[live.status] ?? ''}`.trimEnd()];
  for (const name of names) {
    const value = live.headers.get(name);
    if (value !== null) lines.push(`${name}: ${value}`);
  }
  return { lang: 'http', body: body === undefined ? lines.join('\n') : `${lines.join('\n')}\n\n${body}` };
}

export interface ExampleRun {
  example: Example;
  request: ExampleRequest;
  /** The request block's text as it should read (differs only when `If-None-Match` was refreshed). */
  requestBody: string;
  live: LiveAnswer;
  answer: { lang: 'json' | 'http'; body: string };
}

/**
 * Runs the examples in order, one after the other (a request may depend on an earlier answer, as a
 * conditional GET on the ETag before it). With `refreshIfNoneMatch`, an `If-None-Match` header of
 * an ```http request is set to the ETag of the answer before it, as `npm run docs:queries` does.
 */
export async function runExamples(
  fetch: (request: Request) => Promise<Response>,
  examples: readonly Example[],
  options: { refreshIfNoneMatch?: boolean } = {},
): Promise<ExampleRun[]> {
  const runs: ExampleRun[] = [];
  for (const example of examples) {
    let requestBody = example.request.body;
    const previousEtag = runs.at(-1)?.live.headers.get('etag');
    if (options.refreshIfNoneMatch && example.request.lang === 'http' && previousEtag)
      requestBody = requestBody.replace(/^(if-none-match:\s*).*$/im, `$1${previousEtag}`);
    const request = requestOf({ ...example, request: { ...example.request, body: requestBody } });
    const live = await send(fetch, request);
    runs.push({ example, request, requestBody, live, answer: renderAnswer(live, example.answer) });
  }
  return runs;
}

/** The doc with every example's request and answer blocks as the runs say. */
export function rewrite(markdown: string, runs: readonly ExampleRun[]): string {
  const lines = markdown.split('\n');
  const edits: { fence: Fence; lang: string; meta: string; body: string }[] = [];
  for (const run of runs) {
    const { request, answer } = run.example;
    if (run.requestBody !== request.body)
      edits.push({ fence: request, lang: request.lang, meta: request.meta, body: run.requestBody });
    edits.push({ fence: answer, lang: run.answer.lang, meta: '', body: run.answer.body });
  }
  edits.sort((a, b) => b.fence.open - a.fence.open);
  for (const { fence, lang, meta, body } of edits) {
    const marker = (/^`{3,}/.exec(lines[fence.open] as string) as RegExpExecArray)[0];
    const opening = `${marker}${lang}${meta ? ` ${meta}` : ''}`;
    lines.splice(fence.open, fence.close - fence.open + 1, opening, ...body.split('\n'), marker);
  }
  return lines.join('\n');
}
