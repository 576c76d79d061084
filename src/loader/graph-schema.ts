/**
 * The constraints and indexes the API relies on. Idempotent (`IF NOT EXISTS`); schema changes
 * cannot share a transaction with data writes, so they run before the load's transaction.
 */
import type { Database } from '../neo4j/database.ts';

export const FULLTEXT_INDEX = 'concept_search';

const STATEMENTS = [
  'CREATE CONSTRAINT concept_slug IF NOT EXISTS FOR (c:Concept) REQUIRE c.slug IS UNIQUE',
  'CREATE CONSTRAINT chapter_number IF NOT EXISTS FOR (ch:Chapter) REQUIRE ch.number IS UNIQUE',
  'CREATE INDEX concept_kind IF NOT EXISTS FOR (c:Concept) ON (c.kind)',
  'CREATE INDEX concept_sort IF NOT EXISTS FOR (c:Concept) ON (c.sortName, c.slug)',
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (c:Concept) ON EACH [c.name, c.aliasText, c.summary]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-no-stop-words', \`fulltext.eventually_consistent\`: false } }`,
];

export async function ensureGraphSchema(db: Database): Promise<void> {
  for (const statement of STATEMENTS) await db.write(statement);
  await db.write('CALL db.awaitIndexes(120)');
}
