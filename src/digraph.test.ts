import { describe, expect, it } from 'vitest';
import { adjacency, ancestorCounts, findCycles, prerequisitesFirst, redundantEdges } from './digraph.ts';

/** Edges from `a>b c>d` shorthand. */
const edges = (text: string) =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const [from, to] = pair.split('>') as [string, string];
      return { from, to };
    });
const graph = (text: string) => adjacency(edges(text));

describe('digraph', () => {
  describe('adjacency', () => {
    it('lists the targets of each source in the order given', () => {
      expect(graph('a>b a>c b>c')).toEqual(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
        ]),
      );
    });
  });

  describe('findCycles', () => {
    it('finds none in an acyclic graph', () => {
      expect(findCycles(graph('a>b b>c a>c c>d'))).toEqual([]);
      expect(findCycles(new Map())).toEqual([]);
    });

    it('reports a self-loop as a one-node cycle', () => {
      expect(findCycles(graph('a>a'))).toEqual([['a', 'a']]);
    });

    it('reports a cycle with its first node repeated at the end', () => {
      expect(findCycles(graph('a>b b>c c>a'))).toEqual([['a', 'b', 'c', 'a']]);
    });

    it('starts from the smallest node, whatever order the graph lists them in', () => {
      expect(findCycles(graph('c>a a>b b>c'))).toEqual([['a', 'b', 'c', 'a']]);
    });

    it('reports only the nodes on the cycle, not the path that led to it', () => {
      expect(findCycles(graph('a>b b>c c>d d>b'))).toEqual([['b', 'c', 'd', 'b']]);
    });

    it('reports each of several separate cycles', () => {
      expect(findCycles(graph('a>b b>a c>d d>e e>c x>y'))).toEqual([
        ['a', 'b', 'a'],
        ['c', 'd', 'e', 'c'],
      ]);
    });

    it('reports two cycles that share a node', () => {
      expect(findCycles(graph('a>b b>a b>c c>a'))).toEqual([
        ['a', 'b', 'a'],
        ['a', 'b', 'c', 'a'],
      ]);
    });

    it('reports a cycle once, though one of its edges is listed twice', () => {
      expect(findCycles(graph('a>b b>a b>a'))).toEqual([['a', 'b', 'a']]);
    });

    it('reports each cycle once, though several nodes lead into it', () => {
      expect(findCycles(graph('a>c b>c c>d d>c'))).toEqual([['c', 'd', 'c']]);
    });

    it('walks a chain of 20,000 nodes without overflowing the call stack', () => {
      const long = new Map<string, string[]>();
      const name = (i: number) => `n${String(i).padStart(6, '0')}`;
      for (let i = 0; i < 20_000; i++) long.set(name(i), [name(i + 1)]);
      long.set(name(20_000), [name(0)]);
      const cycles = findCycles(long);
      expect(cycles).toHaveLength(1);
      expect(cycles[0]).toHaveLength(20_002);
      expect(cycles[0]?.[0]).toBe(name(0));
    });
  });

  describe('redundantEdges', () => {
    it('reports an edge implied by a path of two', () => {
      expect(redundantEdges(graph('a>b b>c a>c'))).toEqual([{ from: 'a', to: 'c', via: 'b' }]);
    });

    it('reports an edge implied by a longer path, naming the first step', () => {
      expect(redundantEdges(graph('a>b b>c c>d a>d'))).toEqual([{ from: 'a', to: 'd', via: 'b' }]);
    });

    it('reports an edge once, though several paths imply it', () => {
      expect(redundantEdges(graph('a>b a>c b>d c>d a>d'))).toEqual([{ from: 'a', to: 'd', via: 'b' }]);
    });

    it('reports every redundant edge of every source', () => {
      expect(redundantEdges(graph('a>b b>c a>c c>d b>d'))).toEqual([
        { from: 'a', to: 'c', via: 'b' },
        { from: 'b', to: 'd', via: 'c' },
      ]);
    });

    it('keeps the edges no other path implies', () => {
      expect(redundantEdges(graph('a>b a>c b>d c>e'))).toEqual([]);
    });
  });

  describe('ancestorCounts', () => {
    it('counts everything that reaches a node along a chain', () => {
      expect(ancestorCounts(['a', 'b', 'c'], edges('a>b b>c'))).toEqual(
        new Map([
          ['a', 0],
          ['b', 1],
          ['c', 2],
        ]),
      );
    });

    it('counts an ancestor reached by two paths once', () => {
      expect(ancestorCounts(['d'], edges('a>b a>c b>d c>d')).get('d')).toBe(3);
    });

    it('never counts the node itself, even on a cycle', () => {
      expect(ancestorCounts(['a', 'b'], edges('a>b b>a'))).toEqual(
        new Map([
          ['a', 1],
          ['b', 1],
        ]),
      );
    });

    it('gives 0 to a node without edges, and answers only for the nodes asked', () => {
      expect(ancestorCounts(['lonely', 'b'], edges('a>b'))).toEqual(
        new Map([
          ['lonely', 0],
          ['b', 1],
        ]),
      );
    });
  });

  describe('prerequisitesFirst', () => {
    const alphabetical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const order = (nodes: string[], text: string, compare = alphabetical) =>
      prerequisitesFirst(nodes, (n) => n, edges(text), compare);

    it('puts every node after what it points to', () => {
      expect(order(['a', 'b', 'c'], 'a>b b>c')).toEqual([...'cba']);
    });

    it('lets compare decide among the nodes that are ready', () => {
      expect(order(['c', 'a', 'b'], '')).toEqual([...'abc']);
      expect(order(['a', 'b', 'c'], '', (x, y) => alphabetical(y, x))).toEqual([...'cba']);
    });

    it('asks compare again each time a node becomes ready', () => {
      // a needs b: once b is placed, a is ready and comes before c and d, which were ready first.
      expect(order(['a', 'b', 'c', 'd', 'e'], 'a>b e>c')).toEqual([...'bacde']);
    });

    it('keeps every edge in order on a larger graph', () => {
      const nodes = [...'abcdefghij'];
      const links = edges('a>b a>c b>d c>d d>e f>e g>a h>j j>i i>e');
      const result = prerequisitesFirst(nodes, (n) => n, links, alphabetical);
      expect([...result].sort()).toEqual(nodes);
      for (const { from, to } of links) expect(result.indexOf(from)).toBeGreaterThan(result.indexOf(to));
    });

    it('ignores edges to and from nodes outside the list', () => {
      expect(order(['b', 'a'], 'a>z z>b')).toEqual([...'ab']);
    });

    it('ignores a self-loop rather than holding its node back', () => {
      expect(order(['b', 'a', 'c'], 'a>a')).toEqual([...'abc']);
    });

    it('counts a repeated edge once', () => {
      expect(order(['a', 'b', 'c'], 'a>c a>c')).toEqual([...'bca']);
    });

    it("appends a cycle's nodes, and what depends on them, at the end rather than losing them", () => {
      expect(order(['a', 'b', 'c', 'd'], 'a>b b>a d>a')).toEqual([...'cabd']);
    });

    it('orders any kind of node by its key, and leaves the input as it was', () => {
      const nodes = [{ slug: 'run' }, { slug: 'image' }, { slug: 'container' }];
      const before = [...nodes];
      const result = prerequisitesFirst(
        nodes,
        (n) => n.slug,
        edges('run>container container>image'),
        (a, b) => alphabetical(a.slug, b.slug),
      );
      expect(result.map((n) => n.slug)).toEqual(['image', 'container', 'run']);
      expect(result[0]).toBe(nodes[1]);
      expect(nodes).toEqual(before);
    });
  });
});
