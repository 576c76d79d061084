import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  type KeysetWindow,
  keysetPredicate,
  windowConditions,
  windowOrder,
  windowParams,
} from './keyset.ts';

/** A cursor built by hand from any JSON value, as a client could forge one. */
const forged = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('keyset', () => {
  describe('cursors', () => {
    it('read back the key they were made from', () => {
      const key = ['containerd', 'containerd'];
      expect(decodeCursor(encodeCursor('NAME', key), 'NAME', 2)).toEqual(key);
    });

    it('carry numbers, booleans, nulls and any text unchanged', () => {
      const key = [3, 'Ünïcode "quoted", with commas', null, true, -0.5, ''];
      expect(decodeCursor(encodeCursor('MIXED', key), 'MIXED', key.length)).toEqual(key);
    });

    it('are opaque base64url: no padding and no characters a URL must escape', () => {
      const cursor = encodeCursor('NAME', ['a/b+c?', 'ÿÿÿ']);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    });

    it('differ between orderings for the same key', () => {
      expect(encodeCursor('NAME', ['x'])).not.toBe(encodeCursor('SLUG', ['x']));
    });

    describe('are refused (undefined) when', () => {
      it('made for another ordering', () => {
        expect(decodeCursor(encodeCursor('SLUG', ['docker']), 'NAME', 1)).toBeUndefined();
      });

      it('their key has another size', () => {
        const cursor = encodeCursor('NAME', ['Docker', 'docker']);
        expect(decodeCursor(cursor, 'NAME', 1)).toBeUndefined();
        expect(decodeCursor(cursor, 'NAME', 3)).toBeUndefined();
      });

      it('not base64 at all', () => {
        expect(decodeCursor('!!! not a cursor !!!', 'NAME', 1)).toBeUndefined();
        expect(decodeCursor('', 'NAME', 0)).toBeUndefined();
      });

      it('base64 of something that is not JSON', () => {
        expect(decodeCursor(Buffer.from('NAME,docker').toString('base64url'), 'NAME', 1)).toBeUndefined();
      });

      it('JSON that is not a list', () => {
        expect(decodeCursor(forged({ 0: 'NAME', 1: 'docker', length: 2 }), 'NAME', 1)).toBeUndefined();
        expect(decodeCursor(forged('NAME'), 'NAME', 0)).toBeUndefined();
        expect(decodeCursor(forged(null), 'NAME', 0)).toBeUndefined();
      });

      it('a key part is an object or a list', () => {
        expect(decodeCursor(forged(['NAME', { $gt: '' }]), 'NAME', 1)).toBeUndefined();
        expect(decodeCursor(forged(['NAME', ['a', 'b']]), 'NAME', 1)).toBeUndefined();
        expect(decodeCursor(forged(['NAME', 'ok', { nested: { deeper: 1 } }]), 'NAME', 2)).toBeUndefined();
      });
    });

    it('made by hand with plain values are accepted: the cursor is opaque, not secret', () => {
      expect(decodeCursor(forged(['NAME', 'a', 'b']), 'NAME', 2)).toEqual(['a', 'b']);
    });
  });

  describe('keysetPredicate', () => {
    it('compares one key directly', () => {
      expect(keysetPredicate(['c.slug'], 'after', '>')).toBe('((c.slug > $after[0]))');
    });

    it('breaks ties of the first key on the second', () => {
      expect(keysetPredicate(['c.sortName', 'c.slug'], 'before', '<')).toBe(
        '((c.sortName < $before[0]) OR (c.sortName = $before[0] AND c.slug < $before[1]))',
      );
    });

    it('writes a three-part key as three nested comparisons', () => {
      expect(keysetPredicate(['c.firstChapter', 'c.sortName', 'c.slug'], 'after', '>')).toBe(
        '((c.firstChapter > $after[0])' +
          ' OR (c.firstChapter = $after[0] AND c.sortName > $after[1])' +
          ' OR (c.firstChapter = $after[0] AND c.sortName = $after[1] AND c.slug > $after[2]))',
      );
    });
  });

  describe('windows', () => {
    const KEYS = ['c.sortName', 'c.slug'];
    const AFTER = '((c.sortName > $after[0]) OR (c.sortName = $after[0] AND c.slug > $after[1]))';
    const BEFORE = '((c.sortName < $before[0]) OR (c.sortName = $before[0] AND c.slug < $before[1]))';
    const window = (bounds: Partial<KeysetWindow>): KeysetWindow => ({
      descending: false,
      limit: 21,
      ...bounds,
    });

    describe('windowConditions', () => {
      it('has no condition for an unbounded window', () => {
        expect(windowConditions(KEYS, window({}))).toEqual([]);
        expect(windowConditions(KEYS, window({}), true)).toEqual([]);
      });

      it('reads strictly after `after`', () => {
        expect(windowConditions(KEYS, window({ after: ['n', 's'] }))).toEqual([AFTER]);
      });

      it('reads strictly before `before`', () => {
        expect(windowConditions(KEYS, window({ before: ['n', 's'] }))).toEqual([BEFORE]);
      });

      it('reads between both bounds', () => {
        expect(windowConditions(KEYS, window({ after: ['a', 'a'], before: ['z', 'z'] }))).toEqual([
          AFTER,
          BEFORE,
        ]);
      });

      it('bounds the first key on its own too when an index serves the ordering', () => {
        expect(windowConditions(KEYS, window({ after: ['n', 's'] }), true)).toEqual([
          AFTER,
          'c.sortName >= $after[0]',
        ]);
        expect(windowConditions(KEYS, window({ before: ['n', 's'] }), true)).toEqual([
          BEFORE,
          'c.sortName <= $before[0]',
        ]);
        expect(windowConditions(KEYS, window({ after: ['a', 'a'], before: ['z', 'z'] }), true)).toEqual([
          AFTER,
          'c.sortName >= $after[0]',
          BEFORE,
          'c.sortName <= $before[0]',
        ]);
      });

      it('never writes a key value into the text', () => {
        const text = windowConditions(
          KEYS,
          window({ after: ["x' OR 1=1 //", 's'], before: ['zz', 'q'] }),
          true,
        );
        expect(text.join(' ')).not.toMatch(/OR 1=1|zz|'/);
      });
    });

    describe('windowOrder', () => {
      it('walks every key ascending from the start', () => {
        expect(windowOrder(KEYS, window({}))).toBe('c.sortName ASC, c.slug ASC');
      });

      it('walks every key descending from the end', () => {
        expect(windowOrder(KEYS, window({ descending: true }))).toBe('c.sortName DESC, c.slug DESC');
      });
    });

    describe('windowParams', () => {
      it('gives the bounds as $after and $before', () => {
        expect(windowParams(window({ after: ['a', 1], before: ['z', 2] }))).toEqual({
          after: ['a', 1],
          before: ['z', 2],
        });
      });

      it('gives an empty list for a missing bound, so the query text needs no variant', () => {
        expect(windowParams(window({ after: ['a', 1] }))).toEqual({ after: ['a', 1], before: [] });
        expect(windowParams(window({ before: ['z', 2] }))).toEqual({ after: [], before: ['z', 2] });
        expect(windowParams(window({}))).toEqual({ after: [], before: [] });
      });
    });
  });
});
