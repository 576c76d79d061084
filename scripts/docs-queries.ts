/**
 * `npm run docs:queries`: runs every example of docs/queries.md against the real data through the
 * in-process server and rewrites its answer blocks with what the API answers today
 * (`test/api/docs-queries.test.ts` fails whenever they differ). The format of an example is
 * described in `test/helpers/docs-examples.ts` and at the top of the doc.
 *
 * Starts its own local Neo4j (a fresh directory under .neo4j-local/, removed afterwards) and loads
 * `data/` into it; with NEO4J_URI set it reads that database instead, which must hold `data/` as it
 * is (`npm run load` first): it is never written to. `--check` writes nothing and exits 1 when the
 * doc is out of date.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphChecksum } from '../src/graph/health.ts';
import { readAndValidate } from '../src/loader/read-and-validate.ts';
import { contentChecksum, syncGraph } from '../src/loader/sync.ts';
import { formatProblem } from '../src/loader/validate.ts';
import { silentLogger } from '../src/logger.ts';
import { Database } from '../src/neo4j/database.ts';
import { type LocalNeo4j, startLocalNeo4j } from '../src/neo4j/local-neo4j.ts';
import { buildYoga } from '../src/server/yoga.ts';
import {
  EXAMPLES_QUERY_TIMEOUT_MS,
  examplesConfig,
  parseExamples,
  rewrite,
  runExamples,
} from '../test/helpers/docs-examples.ts';

const DOC = resolve('docs/queries.md');
const check = process.argv.includes('--check');

const checked = readAndValidate(resolve('data'));
if (checked.errors.length > 0) {
  console.error(`data/ is invalid:\n${checked.errors.map(formatProblem).join('\n')}`);
  process.exit(1);
}
const markdown = readFileSync(DOC, 'utf8');
const examples = parseExamples(markdown);

let local: LocalNeo4j | undefined;
const dir = resolve(`.neo4j-local/docs-queries-${process.pid}`);
let db: Database;
if (process.env.NEO4J_URI) {
  db = new Database({
    uri: process.env.NEO4J_URI,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD,
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
    queryTimeoutMs: EXAMPLES_QUERY_TIMEOUT_MS,
  });
} else {
  rmSync(dir, { recursive: true, force: true });
  local = await startLocalNeo4j({ dir, heap: '1g', pageCache: '256m' });
  db = new Database({ uri: local.uri, database: 'neo4j', queryTimeoutMs: EXAMPLES_QUERY_TIMEOUT_MS });
}

let status = 0;
try {
  await db.waitUntilReachable(30_000);
  if (local) {
    const loader = new Database({ uri: local.uri, database: 'neo4j', queryTimeoutMs: 120_000 });
    try {
      await syncGraph(loader, checked.data);
    } finally {
      await loader.close();
    }
  } else if ((await graphChecksum(db)) !== contentChecksum(checked.data)) {
    throw new Error(`the database at NEO4J_URI does not hold data/ as it is: run \`npm run load\` first`);
  }
  const yoga = buildYoga({ db, config: examplesConfig(), log: silentLogger });
  const runs = await runExamples((request) => Promise.resolve(yoga.fetch(request)), examples, {
    refreshIfNoneMatch: true,
  });
  const updated = rewrite(markdown, runs);
  const changed = runs.filter(
    (r) =>
      r.answer.body !== r.example.answer.body ||
      r.answer.lang !== r.example.answer.lang ||
      r.requestBody !== r.example.request.body,
  );
  for (const run of changed) console.log(`changed: ${run.example.title} (line ${run.example.line})`);
  if (check) {
    if (updated !== markdown) {
      console.error(
        `docs/queries.md is out of date (${changed.length} of ${runs.length} examples): run npm run docs:queries`,
      );
      status = 1;
    } else console.log(`docs/queries.md: all ${runs.length} examples answer as documented`);
  } else {
    writeFileSync(DOC, updated);
    console.log(`docs/queries.md: ${runs.length} examples run, ${changed.length} of them rewritten`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  status = 1;
} finally {
  await db.close();
  await local?.stop();
  if (local) rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
