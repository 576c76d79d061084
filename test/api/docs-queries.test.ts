/**
 * docs/queries.md stays true: every example runs against the real data through the in-process
 * server, and its documented answer must be exactly the live one (status, the headers it shows,
 * the body as formatted by `npm run docs:queries`, which rewrites them). Read-only.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DocumentNode, type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { buildYoga } from '../../src/server/yoga.ts';
import {
  applyTrims,
  EXAMPLES_QUERY_TIMEOUT_MS,
  type ExampleRun,
  examplesConfig,
  formatJson,
  parseExamples,
  runExamples,
  trimsOf,
} from '../helpers/docs-examples.ts';
import { testDatabase } from '../helpers/graph.ts';

const markdown = readFileSync(resolve('docs/queries.md'), 'utf8');
const examples = parseExamples(markdown);
const db = testDatabase({ queryTimeoutMs: EXAMPLES_QUERY_TIMEOUT_MS });
const runs = new Map<number, ExampleRun>();

beforeAll(async () => {
  const yoga = buildYoga({ db, config: examplesConfig(), log: silentLogger });
  // In order, one at a time: the conditional GET revalidates the ETag of the answer before it.
  for (const run of await runExamples((request) => Promise.resolve(yoga.fetch(request)), examples))
    runs.set(run.example.line, run);
}, 900_000);
afterAll(() => db.close());

const FIX = 'run `npm run docs:queries` and review the diff of docs/queries.md';

describe('docs/queries.md', () => {
  it('has an example of every root field', () => {
    const schema = readFileSync(resolve('schema/schema.graphql'), 'utf8');
    const queryType = /type Query \{([\s\S]*?)\n\}/.exec(schema)?.[1] ?? '';
    const rootFields = [...queryType.matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => m[1]);
    expect(rootFields.length).toBeGreaterThan(10);
    const asked = new Set<string>();
    for (const { request } of examples) {
      if (request.lang !== 'graphql') continue;
      let document: DocumentNode;
      try {
        document = parse(request.body);
      } catch {
        continue; // the syntax-error example
      }
      for (const definition of document.definitions)
        for (const selection of (definition as OperationDefinitionNode).selectionSet.selections)
          if (selection.kind === 'Field') asked.add(selection.name.value);
    }
    expect(rootFields.filter((field) => !asked.has(field as string))).toEqual([]);
  });

  it.each(examples.map((example) => [`${example.title} (line ${example.line})`, example.line] as const))(
    '%s answers as documented',
    (_name, line) => {
      const run = runs.get(line) as ExampleRun;
      const documented = run.example.answer;
      expect(`\`\`\`${run.answer.lang}\n${run.answer.body}`, FIX).toBe(
        `\`\`\`${documented.lang}\n${documented.body}`,
      );
    },
  );
});

describe('the doc format', () => {
  it('"… N more" ends an array that has N more items than the doc shows', () => {
    const documented = { data: { list: [{ a: 1 }, { a: 2 }, '… 3 more'], other: [1, 2] } };
    const live = { data: { list: [{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }, { a: 5 }], other: [1, 2] } };
    expect(applyTrims(live, trimsOf(documented))).toEqual(documented);
    // One item more live than the doc knows of: the marker says so, and the doc no longer matches.
    expect(
      applyTrims({ data: { ...live.data, list: [...live.data.list, { a: 6 }] } }, trimsOf(documented)),
    ).toEqual({
      data: { list: [{ a: 1 }, { a: 2 }, '… 4 more'], other: [1, 2] },
    });
  });

  it('formats objects and arrays of scalars on one line when they fit, the rest one item a line', () => {
    expect(formatJson({ data: { node: null, list: [{ slug: 'runc' }], tags: ['a', 'b'] } })).toBe(
      [
        '{',
        '  "data": {',
        '    "node": null,',
        '    "list": [',
        '      { "slug": "runc" }',
        '    ],',
        '    "tags": ["a", "b"]',
        '  }',
        '}',
      ].join('\n'),
    );
  });
});
