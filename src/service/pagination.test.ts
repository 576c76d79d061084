import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type KeysetWindow } from '../graph/keyset.ts';
import {
  type ConnectionArgs,
  DEFAULT_PAGE_SIZE,
  type PageRequest,
  pageRequest,
  toConnection,
  windowOf,
} from './pagination.ts';

const ORDERING = 'SLUG';
/** The whole ordered list: a, b, …, j. */
const ALL = [...'abcdefghij'].map((slug) => ({ slug }));
type Item = (typeof ALL)[number];
const keyOf = (item: Item) => [item.slug];
const cursorOf = (slug: string) => encodeCursor(ORDERING, [slug]);

/** What the database returns for a window: the items strictly between the bounds, walked its way. */
function read(all: readonly Item[], window: KeysetWindow): Item[] {
  const inside = all.filter(
    (item) =>
      (!window.after || item.slug > String(window.after[0])) &&
      (!window.before || item.slug < String(window.before[0])),
  );
  return (window.descending ? inside.reverse() : inside).slice(0, window.limit);
}

/** The connection the API answers for `args` over `all`: validate, read one window, shape. */
function paginate(args: ConnectionArgs, all: readonly Item[] = ALL) {
  const request = pageRequest(args, ORDERING, 1);
  const connection = toConnection(read(all, windowOf(request)), request, keyOf);
  return {
    slugs: connection.edges.map((edge) => edge.node.slug).join(''),
    hasPreviousPage: connection.pageInfo.hasPreviousPage,
    hasNextPage: connection.pageInfo.hasNextPage,
    connection,
  };
}

/** The error thrown by `run`, which must be a GraphQLError. */
function errorOf(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected a GraphQLError');
}

describe('pagination', () => {
  describe('pageRequest', () => {
    it('asks for the first 20 when no size is given', () => {
      expect(DEFAULT_PAGE_SIZE).toBe(20);
      expect(pageRequest({}, ORDERING, 1)).toEqual({
        ordering: ORDERING,
        first: 20,
        last: undefined,
        after: undefined,
        before: undefined,
      });
    });

    it('treats null arguments as absent', () => {
      expect(pageRequest({ first: null, last: null, after: null, before: null }, ORDERING, 1)).toMatchObject({
        first: 20,
        last: undefined,
      });
    });

    it('asks for no head when only last is given', () => {
      expect(pageRequest({ last: 5 }, ORDERING, 1)).toMatchObject({ first: undefined, last: 5 });
    });

    it('keeps both first and last when both are given', () => {
      expect(pageRequest({ first: 5, last: 2 }, ORDERING, 1)).toMatchObject({ first: 5, last: 2 });
    });

    it('accepts sizes from 0 to 100', () => {
      expect(pageRequest({ first: 0 }, ORDERING, 1).first).toBe(0);
      expect(pageRequest({ first: 100 }, ORDERING, 1).first).toBe(100);
      expect(pageRequest({ last: 0 }, ORDERING, 1).last).toBe(0);
      expect(pageRequest({ last: 100 }, ORDERING, 1).last).toBe(100);
    });

    it.each([
      ['first', -1],
      ['first', 101],
      ['first', 2.5],
      ['last', -1],
      ['last', 101],
      ['last', Number.NaN],
    ] as const)('refuses %s: %s with BAD_USER_INPUT naming the argument and the range', (argument, value) => {
      const error = errorOf(() => pageRequest({ [argument]: value }, ORDERING, 1));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, min: 0, max: 100 });
      expect(error.message).toBe(`Argument "${argument}" must be an integer from 0 to 100 (got ${value})`);
    });

    it('decodes the cursors of this list into keys', () => {
      const request = pageRequest({ after: cursorOf('b'), before: cursorOf('g') }, ORDERING, 1);
      expect(request).toMatchObject({ after: ['b'], before: ['g'] });
    });

    describe('refuses with BAD_USER_INPUT naming the argument', () => {
      it.each([
        ['after', 'not-a-cursor'],
        ['before', 'not-a-cursor'],
        ['after', encodeCursor('NAME', ['b'])],
        ['before', encodeCursor(ORDERING, ['b', 'extra'])],
      ] as const)('a %s cursor that is not one of this list (%s)', (argument, cursor) => {
        const error = errorOf(() => pageRequest({ [argument]: cursor }, ORDERING, 1));
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
        expect(error.message).toMatch(new RegExp(`^Argument "${argument}" is not a cursor of this list`));
      });
    });
  });

  describe('windowOf', () => {
    const request = (fields: Partial<PageRequest>): PageRequest => ({ ordering: ORDERING, ...fields });

    it('reads one more than first from the start, to know whether more follow', () => {
      expect(windowOf(request({ first: 5 }))).toEqual({
        after: undefined,
        before: undefined,
        descending: false,
        limit: 6,
      });
    });

    it('reads one more than last from the end when only last is given', () => {
      expect(windowOf(request({ last: 3 }))).toEqual({
        after: undefined,
        before: undefined,
        descending: true,
        limit: 4,
      });
    });

    it('reads from the start when both are given: first keeps the head before last takes its tail', () => {
      expect(windowOf(request({ first: 5, last: 2 }))).toMatchObject({ descending: false, limit: 6 });
    });

    it('reads one item for first: 0, to answer hasNextPage', () => {
      expect(windowOf(request({ first: 0 }))).toMatchObject({ limit: 1 });
    });

    it('passes both bounds on', () => {
      expect(windowOf(request({ first: 1, after: ['b'], before: ['g'] }))).toMatchObject({
        after: ['b'],
        before: ['g'],
      });
      expect(windowOf(request({ last: 1, after: ['b'], before: ['g'] }))).toMatchObject({
        after: ['b'],
        before: ['g'],
      });
    });
  });

  describe('toConnection', () => {
    describe('with first', () => {
      it('returns the head of the list, and says more follow', () => {
        expect(paginate({ first: 3 })).toMatchObject({
          slugs: 'abc',
          hasNextPage: true,
          hasPreviousPage: false,
        });
      });

      it('says nothing follows when the list fits', () => {
        expect(paginate({ first: 10 })).toMatchObject({
          slugs: 'abcdefghij',
          hasNextPage: false,
          hasPreviousPage: false,
        });
      });

      it('continues after a cursor, and says items precede it', () => {
        expect(paginate({ first: 3, after: cursorOf('c') })).toMatchObject({
          slugs: 'def',
          hasNextPage: true,
          hasPreviousPage: true,
        });
      });

      it('returns a short last page', () => {
        expect(paginate({ first: 3, after: cursorOf('h') })).toMatchObject({
          slugs: 'ij',
          hasNextPage: false,
          hasPreviousPage: true,
        });
      });

      it('returns no edge for first: 0, yet says whether items exist', () => {
        const page = paginate({ first: 0 });
        expect(page).toMatchObject({ slugs: '', hasNextPage: true, hasPreviousPage: false });
        expect(page.connection.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
      });
    });

    describe('with last', () => {
      it('returns the tail of the list in list order, and says items precede it', () => {
        expect(paginate({ last: 3 })).toMatchObject({
          slugs: 'hij',
          hasPreviousPage: true,
          hasNextPage: false,
        });
      });

      it('says nothing precedes when the list fits', () => {
        expect(paginate({ last: 10 })).toMatchObject({
          slugs: 'abcdefghij',
          hasPreviousPage: false,
          hasNextPage: false,
        });
      });

      it('goes back from a cursor, and says items follow it', () => {
        expect(paginate({ last: 3, before: cursorOf('h') })).toMatchObject({
          slugs: 'efg',
          hasPreviousPage: true,
          hasNextPage: true,
        });
      });

      it('returns a short first page', () => {
        expect(paginate({ last: 3, before: cursorOf('c') })).toMatchObject({
          slugs: 'ab',
          hasPreviousPage: false,
          hasNextPage: true,
        });
      });
    });

    describe('with first and last', () => {
      it('keeps the head with first, then its tail with last', () => {
        expect(paginate({ first: 5, last: 2 })).toMatchObject({
          slugs: 'de',
          hasNextPage: true,
          hasPreviousPage: true,
        });
      });

      it('says nothing precedes when last cuts nothing from the head', () => {
        expect(paginate({ first: 2, last: 5 })).toMatchObject({
          slugs: 'ab',
          hasNextPage: true,
          hasPreviousPage: false,
        });
      });

      it('says nothing follows when first cuts nothing', () => {
        expect(paginate({ first: 20, last: 3 })).toMatchObject({
          slugs: 'hij',
          hasNextPage: false,
          hasPreviousPage: true,
        });
      });

      it('applies both to the slice between the cursors', () => {
        expect(paginate({ first: 5, last: 1, after: cursorOf('b'), before: cursorOf('e') })).toMatchObject({
          slugs: 'd',
          hasNextPage: true,
          hasPreviousPage: true,
        });
      });
    });

    describe('between after and before', () => {
      it('with first, returns the slice and says items lie beyond both cursors', () => {
        expect(paginate({ first: 10, after: cursorOf('b'), before: cursorOf('g') })).toMatchObject({
          slugs: 'cdef',
          hasNextPage: true,
          hasPreviousPage: true,
        });
      });

      it('with last, returns the slice and says items lie beyond both cursors', () => {
        expect(paginate({ last: 10, after: cursorOf('b'), before: cursorOf('g') })).toMatchObject({
          slugs: 'cdef',
          hasNextPage: true,
          hasPreviousPage: true,
        });
      });

      it('with last cutting the slice, returns its tail', () => {
        expect(paginate({ last: 2, after: cursorOf('b'), before: cursorOf('g') })).toMatchObject({
          slugs: 'ef',
          hasNextPage: true,
          hasPreviousPage: true,
        });
      });

      it('returns no edge when the cursors are adjacent', () => {
        expect(paginate({ first: 5, after: cursorOf('c'), before: cursorOf('d') })).toMatchObject({
          slugs: '',
          hasNextPage: true,
          hasPreviousPage: true,
        });
      });
    });

    describe('an empty list', () => {
      it('has no edges, no cursors and no other page', () => {
        for (const args of [{}, { first: 5 }, { last: 5 }, { first: 5, last: 5 }]) {
          const { connection } = paginate(args, []);
          expect(connection).toEqual({
            edges: [],
            pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          });
        }
      });
    });

    describe('cursors', () => {
      it("encode each item's key in the request's ordering", () => {
        const { connection } = paginate({ first: 3, after: cursorOf('a') });
        expect(connection.edges.map((edge) => edge.cursor)).toEqual(['b', 'c', 'd'].map(cursorOf));
        expect(connection.edges.map((edge) => decodeCursor(edge.cursor, ORDERING, 1))).toEqual([
          ['b'],
          ['c'],
          ['d'],
        ]);
      });

      it('start and end the page', () => {
        const { connection } = paginate({ last: 3 });
        expect(connection.pageInfo.startCursor).toBe(cursorOf('h'));
        expect(connection.pageInfo.endCursor).toBe(cursorOf('j'));
      });

      it('walk the whole list forwards, page by page, without repeating or skipping', () => {
        const seen: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const { connection, hasNextPage } = paginate({ first: 3, after });
          seen.push(...connection.edges.map((edge) => edge.node.slug));
          after = connection.pageInfo.endCursor;
          if (!hasNextPage) break;
        }
        expect(seen.join('')).toBe('abcdefghij');
      });

      it('walk the whole list backwards, page by page, without repeating or skipping', () => {
        const pages: string[] = [];
        let before: string | null = null;
        for (let n = 0; n < 10; n++) {
          const { connection, slugs, hasPreviousPage } = paginate({ last: 4, before });
          pages.unshift(slugs);
          before = connection.pageInfo.startCursor;
          if (!hasPreviousPage) break;
        }
        expect(pages).toEqual(['ab', 'cdef', 'ghij']);
      });
    });

    describe('edges', () => {
      it('carry the node, and what edgeOf adds beside it', () => {
        const request = pageRequest({ first: 2 }, ORDERING, 1);
        const items = [
          { slug: 'a', depth: 1 },
          { slug: 'b', depth: 2 },
        ];
        const connection = toConnection(items, request, keyOf, (item) => ({
          node: item.slug,
          depth: item.depth,
        }));
        expect(connection.edges).toEqual([
          { node: 'a', depth: 1, cursor: cursorOf('a') },
          { node: 'b', depth: 2, cursor: cursorOf('b') },
        ]);
      });

      it('keep the cursor of the key even if edgeOf returns one of its own', () => {
        const request = pageRequest({ first: 1 }, ORDERING, 1);
        const connection = toConnection([{ slug: 'a' }], request, keyOf, (item) => ({
          node: item,
          cursor: 'forged',
        }));
        expect(connection.edges[0]?.cursor).toBe(cursorOf('a'));
      });
    });
  });
});
