import { describe, expect, it } from 'vitest';
import { RELATION_TYPE_NAMES, type RelationType } from '../domain.ts';
import { arrow, assertBound, typeExpression } from './cypher.ts';

describe('cypher', () => {
  describe('typeExpression', () => {
    it('writes one whitelisted type as a label expression', () => {
      expect(typeExpression(['REQUIRES'])).toBe(':REQUIRES');
    });

    it('joins several types with | in the order given', () => {
      expect(typeExpression(['REQUIRES', 'IS_A', 'DEPENDS_ON'])).toBe(':REQUIRES|IS_A|DEPENDS_ON');
    });

    it('accepts every relationship type of the domain', () => {
      expect(typeExpression(RELATION_TYPE_NAMES)).toBe(`:${RELATION_TYPE_NAMES.join('|')}`);
    });

    it('refuses the empty list, which would match every relationship', () => {
      expect(() => typeExpression([])).toThrow('no relationship type given');
    });

    it('refuses a name outside the whitelist, even one that looks harmless', () => {
      expect(() => typeExpression(['KNOWS' as RelationType])).toThrow('not a relationship type: KNOWS');
      expect(() => typeExpression(['requires' as RelationType])).toThrow(/not a relationship type/);
    });

    it('refuses an injection attempt hidden among valid types', () => {
      const attempt = 'REQUIRES]->() DETACH DELETE n //' as RelationType;
      expect(() => typeExpression(['REQUIRES', attempt])).toThrow(/not a relationship type/);
    });

    it('refuses names inherited from Object.prototype', () => {
      expect(() => typeExpression(['toString' as RelationType])).toThrow(/not a relationship type/);
    });
  });

  describe('arrow', () => {
    it('points OUTGOING from left to right', () => {
      expect(arrow('OUTGOING', 'r:REQUIRES')).toBe('-[r:REQUIRES]->');
    });

    it('points INCOMING from right to left', () => {
      expect(arrow('INCOMING', 'r:REQUIRES')).toBe('<-[r:REQUIRES]-');
    });

    it('has no head for BOTH', () => {
      expect(arrow('BOTH', ':USES|MANAGES')).toBe('-[:USES|MANAGES]-');
    });

    it('writes an empty pattern when nothing is inside', () => {
      expect(arrow('OUTGOING', '')).toBe('-[]->');
    });
  });

  describe('assertBound', () => {
    it('returns an integer from 1 to max unchanged', () => {
      expect(assertBound('maxDepth', 1, 10)).toBe(1);
      expect(assertBound('maxDepth', 7, 10)).toBe(7);
      expect(assertBound('maxDepth', 10, 10)).toBe(10);
    });

    it('refuses zero and negative values', () => {
      expect(() => assertBound('maxDepth', 0, 10)).toThrow('maxDepth out of range: 0');
      expect(() => assertBound('maxDepth', -1, 10)).toThrow('maxDepth out of range: -1');
    });

    it('refuses a value above max', () => {
      expect(() => assertBound('maxLength', 11, 10)).toThrow('maxLength out of range: 11');
    });

    it('refuses what is not an integer, so nothing but digits reaches the query text', () => {
      for (const value of [1.5, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number])
        expect(() => assertBound('depth', value, 10)).toThrow(/depth out of range/);
    });
  });
});
