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
        const text = bfsLevels(3, STEP, {});
        expect(text.split('\n')[0]).toBe('WITH start, [start] AS seen, [start] AS frontier, [] AS found');
      });

      it.each([1, 3, 10])('writes exactly %i levels', (levels) => {
        const text = bfsLevels(levels, STEP, {});
        expect(levelsOf(text)).toHaveLength(levels);
        expect(text.match(/\$depth >= \d+/g)).toEqual(
          Array.from({ length: levels }, (_, i) => `$depth >= ${i + 1}`),
        );
      });

      it('switches level n off with $depth >= n, and stops expanding once $limit concepts are found', () => {
        levelsOf(bfsLevels(4, STEP, {})).forEach((level, i) => {
          expect(level).toContain(
            `UNWIND CASE WHEN size(found) < $limit AND $depth >= ${i + 1} THEN frontier ELSE [] END AS n`,
          );
        });
      });

      it('keeps at most $levelCap concepts on every level', () => {
        const levels = levelsOf(bfsLevels(5, STEP, {}));
        for (const level of levels) expect(level).toContain('WITH DISTINCT x LIMIT $levelCap');
      });

      it('never revisits a concept already seen', () => {
        for (const level of levelsOf(bfsLevels(3, STEP, {}))) {
          expect(level).toContain('WHERE NOT x IN seen');
          expect(level).toContain('WITH start, seen + reached AS seen, reached AS frontier,');
        }
      });

      it('records the level as the depth of what it found', () => {
        levelsOf(bfsLevels(3, STEP, {})).forEach((level, i) => {
          expect(level).toContain(`depth: ${i + 1}}] AS found`);
        });
      });

      it('expands along the step without binding its relationship, which the level does not read', () => {
        const level = levelsOf(bfsLevels(1, STEP, {}))[0];
        expect(level).toContain('MATCH (n)-[:REQUIRES|IS_A]->(x)');
        expect(level).not.toContain('[r:');
      });

      it('reads no property of what it reaches (relationship types connect concepts only: no label check)', () => {
        expect(bfsLevels(3, STEP, {})).not.toMatch(/x:Concept|x\.\w/);
      });
    });

    describe('directions', () => {
      it('keeps the direction of the step', () => {
        const text = bfsLevels(1, arrow('INCOMING', 'r:DEPENDS_ON'), {});
        expect(text).toContain('MATCH (n)<-[:DEPENDS_ON]-(x)');
      });
    });

    describe('countable', () => {
      it('counts every concept found when no filter is given', () => {
        for (const level of levelsOf(bfsLevels(2, STEP, {})))
          expect(level).toContain('[x IN reached WHERE true | {node: x');
      });

      it('applies the filter to each level, reading the found concept', () => {
        const levels = levelsOf(bfsLevels(3, '-[r:USES]-', { countable: 'NOT x.slug IN $exclude' }));
        expect(levels).toHaveLength(3);
        for (const level of levels)
          expect(level).toContain('[x IN reached WHERE NOT x.slug IN $exclude | {node: x');
      });

      it('still walks through concepts the filter leaves out (they stay in seen and frontier)', () => {
        const text = bfsLevels(2, '-[r:USES]-', { countable: 'NOT x.slug IN $exclude' });
        for (const level of levelsOf(text)) {
          expect(level).toContain('seen + reached AS seen, reached AS frontier');
          expect(level).not.toMatch(/reached WHERE NOT x.slug IN \$exclude\n/);
        }
      });
    });

    describe('parameters', () => {
      const variants = [
        bfsLevels(10, STEP, {}),
        bfsLevels(3, '-[r:USES|MANAGES]-', { countable: 'NOT x.slug IN $exclude' }),
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
