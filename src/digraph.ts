/**
 * Small pure algorithms over a directed graph given as adjacency lists of slugs: cycle finding
 * (for the loader) and redundant-edge detection (for the loader's warnings). The graphs they see
 * are the curated data, a few thousand edges at most.
 */

export type Adjacency = Map<string, string[]>;

export function adjacency(edges: Iterable<{ from: string; to: string }>): Adjacency {
  const out: Adjacency = new Map();
  for (const { from, to } of edges) {
    const list = out.get(from);
    if (list) list.push(to);
    else out.set(from, [to]);
  }
  return out;
}

/**
 * Every elementary cycle found by a depth-first search, each as the list of its nodes with the
 * first repeated at the end (`a → b → a`). One cycle per back edge, deduplicated by rotation.
 */
export function findCycles(graph: Adjacency): string[][] {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];

  const visit = (start: string) => {
    // Iterative DFS so that a long chain in a synthetic graph cannot overflow the call stack.
    const frames: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 'active');
    stack.push(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { node: string; next: number };
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as string;
        const targetState = state.get(target);
        if (targetState === 'active') {
          const cycle = stack.slice(stack.indexOf(target));
          const key = canonical(cycle);
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push([...cycle, target]);
          }
        } else if (targetState === undefined) {
          state.set(target, 'active');
          stack.push(target);
          frames.push({ node: target, next: 0 });
        }
      } else {
        state.set(frame.node, 'done');
        stack.pop();
        frames.pop();
      }
    }
  };

  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

function canonical(cycle: string[]): string {
  let best = 0;
  for (let i = 1; i < cycle.length; i++) if ((cycle[i] as string) < (cycle[best] as string)) best = i;
  return [...cycle.slice(best), ...cycle.slice(0, best)].join('\u0000');
}

/**
 * Edges `a → c` of an acyclic graph that are implied by a longer path `a → b → … → c`: they add
 * nothing to a transitive relation such as REQUIRES and only clutter learning paths.
 */
export function redundantEdges(graph: Adjacency): { from: string; to: string; via: string }[] {
  const redundant: { from: string; to: string; via: string }[] = [];
  for (const [from, targets] of graph) {
    const direct = new Set(targets);
    for (const via of targets) {
      // Everything reachable from `via` is implied from `from`.
      const seen = new Set<string>();
      const queue = [...(graph.get(via) ?? [])];
      while (queue.length > 0) {
        const node = queue.pop() as string;
        if (seen.has(node)) continue;
        seen.add(node);
        if (direct.has(node) && node !== via) {
          redundant.push({ from, to: node, via });
          direct.delete(node);
        }
        queue.push(...(graph.get(node) ?? []));
      }
    }
  }
  return redundant;
}

/** For every node, how many other nodes can reach it (its transitive predecessors). */
export function ancestorCounts(
  nodes: Iterable<string>,
  edges: Iterable<{ from: string; to: string }>,
): Map<string, number> {
  const reverse = adjacency([...edges].map(({ from, to }) => ({ from: to, to: from })));
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const seen = new Set<string>([node]);
    const queue = [...(reverse.get(node) ?? [])];
    while (queue.length > 0) {
      const next = queue.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(reverse.get(next) ?? []));
    }
    counts.set(node, seen.size - 1);
  }
  return counts;
}

/**
 * A topological order of `nodes` in which every node comes after the nodes it points to (for
 * REQUIRES: prerequisites first). Among the nodes that are ready, `compare` decides. Edges to
 * nodes outside `nodes` are ignored; a node on a cycle (impossible for validated data) is
 * appended at the end rather than lost.
 */
export function prerequisitesFirst<T>(
  nodes: readonly T[],
  keyOf: (node: T) => string,
  edges: Iterable<{ from: string; to: string }>,
  compare: (a: T, b: T) => number,
): T[] {
  const byKey = new Map(nodes.map((n) => [keyOf(n), n]));
  const missing = new Map<string, number>(nodes.map((n) => [keyOf(n), 0]));
  const dependents = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!byKey.has(from) || !byKey.has(to) || from === to) continue;
    missing.set(from, (missing.get(from) ?? 0) + 1);
    const list = dependents.get(to);
    if (list) list.push(from);
    else dependents.set(to, [from]);
  }
  const ready = nodes.filter((n) => missing.get(keyOf(n)) === 0);
  const order: T[] = [];
  while (ready.length > 0) {
    ready.sort(compare);
    const next = ready.shift() as T;
    order.push(next);
    for (const dependent of dependents.get(keyOf(next)) ?? []) {
      const left = (missing.get(dependent) ?? 0) - 1;
      missing.set(dependent, left);
      if (left === 0) ready.push(byKey.get(dependent) as T);
    }
  }
  if (order.length < nodes.length) {
    const placed = new Set(order.map(keyOf));
    order.push(...nodes.filter((n) => !placed.has(keyOf(n))));
  }
  return order;
}
