/** The 16 chapters of the book and the concepts each covers. */
import type { Chapter } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Reader } from '../neo4j/database.ts';
import { optionalConceptProjection, type StoredConcept, toConcept } from './records.ts';

const toChapter = (map: Record<string, unknown>): Chapter => ({
  number: toNumber(map.number),
  title: String(map.title),
  summary: String(map.summary ?? ''),
});

export async function listChapters(db: Reader): Promise<Chapter[]> {
  const { records } = await db.read(
    'MATCH (ch:Chapter) RETURN ch {.number, .title, .summary} AS chapter ORDER BY ch.number',
  );
  return records.map((r) => toChapter(r.get('chapter')));
}

export async function findChaptersByNumbers(
  db: Reader,
  numbers: readonly number[],
): Promise<(Chapter | undefined)[]> {
  const { records } = await db.read(
    `UNWIND $numbers AS number
     MATCH (ch:Chapter {number: number})
     RETURN ch {.number, .title, .summary} AS chapter`,
    { numbers: [...new Set(numbers)] },
  );
  const byNumber = new Map(
    records.map((r) => {
      const chapter = toChapter(r.get('chapter'));
      return [chapter.number, chapter] as const;
    }),
  );
  return numbers.map((n) => byNumber.get(n));
}

/** Concepts covering each chapter, in reading order: by name within the chapter. */
export async function conceptsOfChapters(db: Reader, numbers: readonly number[]): Promise<StoredConcept[][]> {
  const { records } = await db.read(
    `UNWIND $numbers AS number
     OPTIONAL MATCH (c:Concept)-[:COVERED_IN]->(:Chapter {number: number})
     WITH number, c ORDER BY c.sortName, c.slug
     RETURN number, collect(${optionalConceptProjection('c')}) AS concepts`,
    { numbers: [...new Set(numbers)] },
  );
  const byNumber = new Map(
    records.map((r) => [toNumber(r.get('number')), (r.get('concepts') as unknown[]).map(toConcept)]),
  );
  return numbers.map((n) => byNumber.get(n) ?? []);
}
