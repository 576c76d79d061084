/**
 * The constraints and indexes the API relies on. Idempotent (`IF NOT EXISTS`); schema changes
 * cannot share a transaction with data writes, so they run before the load's transaction.
 */
import type { Database } from './database.ts';

/** Versioned: a changed definition gets a new name, and the old index is dropped. */
export const FULLTEXT_INDEX = 'concept_text';
const RETIRED_INDEXES = ['concept_search'];

const STATEMENTS: [name: string, statement: string][] = [
  ['concept_slug', 'CREATE CONSTRAINT concept_slug IF NOT EXISTS FOR (c:Concept) REQUIRE c.slug IS UNIQUE'],
  [
    'chapter_number',
    'CREATE CONSTRAINT chapter_number IF NOT EXISTS FOR (ch:Chapter) REQUIRE ch.number IS UNIQUE',
  ],
  ['concept_kind', 'CREATE INDEX concept_kind IF NOT EXISTS FOR (c:Concept) ON (c.kind)'],
  ['concept_sort', 'CREATE INDEX concept_sort IF NOT EXISTS FOR (c:Concept) ON (c.sortName, c.slug)'],
  [
    FULLTEXT_INDEX,
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (c:Concept) ON EACH [c.name, c.aliasText, c.summary, c.searchKeys]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-no-stop-words', \`fulltext.eventually_consistent\`: false } }`,
  ],
];

/** Creates what is missing and waits for it to come online; one read when everything is there. */
export async function ensureGraphSchema(db: Database): Promise<void> {
  const { records } = await db.read('SHOW INDEXES YIELD name, state RETURN name, state');
  const online = new Set(
    records.filter((r) => r.get('state') === 'ONLINE').map((r) => String(r.get('name'))),
  );
  const existing = new Set(records.map((r) => String(r.get('name'))));
  for (const retired of RETIRED_INDEXES.filter((name) => existing.has(name)))
    await db.write(`DROP INDEX ${retired} IF EXISTS`);
  const missing = STATEMENTS.filter(([name]) => !online.has(name));
  if (missing.length === 0) return;
  for (const [, statement] of missing) await db.write(statement);
  await db.write('CALL db.awaitIndexes(120)');
}
