import { describe, expect, it } from 'vitest';
import { arrow, typeExpression } from './cypher.ts';
import { bfsLevels } from './traversals.ts';

const STEP = arrow('OUTGOING', `r${typeExpression(['REQUIRES', 'IS_A'])}`);

/** The text of each level (everything from one level's first CALL to the next). */
const levelsOf = (text: string) => text.split('CALL (seen, frontier, found)').slice(1);

describe('traversals', () => {
  describe('bfsLevels', () => {
    describe('levels', () => {
      it('starts from the start concept alone, with nothing found', () => {
        const text = bfsLevels(3, STEP, { withVia: true });
        expect(text.split('\n')[0]).toBe('WITH start, [start] AS seen, [start] AS frontier, [] AS found');
      });

      it.each([1, 3, 10])('writes exactly %i levels', (levels) => {
        const text = bfsLevels(levels, STEP, { withVia: true });
        expect(levelsOf(text)).toHaveLength(levels);
        expect(text.match(/\$depth >= \d+/g)).toEqual(
          Array.from({ length: levels }, (_, i) => `$depth >= ${i + 1}`),
        );
      });

      it('switches level n off with $depth >= n, and stops expanding once $limit concepts are found', () => {
        levelsOf(bfsLevels(4, STEP, { withVia: false })).forEach((level, i) => {
          expect(level).toContain(
            `UNWIND CASE WHEN size(found) < $limit AND $depth >= ${i + 1} THEN frontier ELSE [] END AS n`,
          );
        });
      });

      it('keeps at most $levelCap concepts on every level', () => {
        const levels = levelsOf(bfsLevels(5, STEP, { withVia: true }));
        for (const level of levels) expect(level).toContain('WITH DISTINCT x LIMIT $levelCap');
      });

      it('never revisits a concept already seen', () => {
        for (const level of levelsOf(bfsLevels(3, STEP, { withVia: true }))) {
          expect(level).toContain('WHERE NOT x IN seen');
          expect(level).toContain('WITH start, seen + reached AS seen, reached AS frontier,');
        }
      });

      it('records the level as the depth of what it found', () => {
        levelsOf(bfsLevels(3, STEP, { withVia: false })).forEach((level, i) => {
          expect(level).toContain(`depth: ${i + 1}, via: l.via}] AS found`);
        });
      });

      it('expands along the step without binding its relationship, which the level does not read', () => {
        const level = levelsOf(bfsLevels(1, STEP, { withVia: false }))[0];
        expect(level).toContain('MATCH (n)-[:REQUIRES|IS_A]->(x:Concept)');
        expect(level).not.toContain('[r:');
      });
    });

    describe('withVia', () => {
      it('reads the relationship that reached each kept concept, from the frontier', () => {
        for (const level of levelsOf(bfsLevels(2, STEP, { withVia: true }))) {
          expect(level).toContain('CALL (frontier, reached)');
          expect(level).toContain('MATCH (n)-[r:REQUIRES|IS_A]->(x)');
          expect(level).toContain('WHERE x IN reached');
          expect(level).toContain('WITH x, collect(r)[0] AS via');
          expect(level).toContain('RETURN collect({node: x, via: via}) AS level');
        }
      });

      it('reads no relationship without it: via is null', () => {
        const text = bfsLevels(2, STEP, { withVia: false });
        expect(text).not.toContain('CALL (frontier, reached)');
        expect(text).not.toMatch(/\br\b/);
        for (const level of levelsOf(text))
          expect(level).toContain('WITH *, [x IN reached | {node: x, via: null}] AS level');
      });

      it('keeps the direction of the step for the relationship it reads', () => {
        const text = bfsLevels(1, arrow('INCOMING', 'r:DEPENDS_ON'), { withVia: true });
        expect(text).toContain('MATCH (n)<-[:DEPENDS_ON]-(x:Concept)');
        expect(text).toContain('MATCH (n)<-[r:DEPENDS_ON]-(x)');
      });
    });

    describe('countable', () => {
      it('counts every concept found when no filter is given', () => {
        for (const level of levelsOf(bfsLevels(2, STEP, { withVia: true })))
          expect(level).toContain('[l IN level WHERE true | {node: l.node');
      });

      it('applies the filter to each level, reading the found concept', () => {
        const levels = levelsOf(
          bfsLevels(3, '-[r:USES]-', { withVia: false, countable: 'NOT x.slug IN $exclude' }),
        );
        expect(levels).toHaveLength(3);
        for (const level of levels)
          expect(level).toContain('[l IN level WHERE NOT l.node.slug IN $exclude | {node: l.node');
      });

      it('still walks through concepts the filter leaves out (they stay in seen and frontier)', () => {
        const text = bfsLevels(2, '-[r:USES]-', { withVia: false, countable: 'NOT x.slug IN $exclude' });
        for (const level of levelsOf(text)) {
          expect(level).toContain('seen + reached AS seen, reached AS frontier');
          expect(level).not.toMatch(/reached WHERE/);
        }
      });
    });

    describe('parameters', () => {
      const variants = [
        bfsLevels(10, STEP, { withVia: true }),
        bfsLevels(3, '-[r:USES|MANAGES]-', { withVia: false, countable: 'NOT x.slug IN $exclude' }),
      ];

      it('refers to values only as $limit, $depth and $levelCap (and those of the filter)', () => {
        for (const text of variants)
          expect(new Set(text.match(/\$\w+/g))).toEqual(
            new Set(['$limit', '$depth', '$levelCap', ...(text.includes('$exclude') ? ['$exclude'] : [])]),
          );
      });

      it('writes no literal but the integers of its own levels (and 0 from code)', () => {
        variants.forEach((text, v) => {
          const levels = v === 0 ? 10 : 3;
          const allowed = new Set(['0', ...Array.from({ length: levels }, (_, i) => String(i + 1))]);
          for (const number of text.match(/\d+/g) ?? []) expect(allowed).toContain(number);
          expect(text).not.toMatch(/['"`]/);
        });
      });

      it('bounds each level with parameters, never with a number in the text (one plan per shape)', () => {
        for (const text of variants) {
          expect(text).not.toMatch(/LIMIT \d/);
          expect(text).not.toMatch(/< \d/);
        }
      });
    });
  });
});
