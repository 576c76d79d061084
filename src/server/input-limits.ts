/**
 * Limits on what a request passes in, checked before execution, each refused with
 * BAD_USER_INPUT (HTTP 400): no string argument or variable longer than `maxStringLength` (no
 * slug, ID, cursor or search text is that long, and a fuzzy full-text term over 1000 characters
 * fails inside Neo4j), and no variable nested deeper than `MAX_VARIABLE_DEPTH` (our deepest input
 * is a list in an input object; a variable 40,000 lists deep would overflow the stack of the
 * code that coerces it).
 */
import { type DocumentNode, Kind, type ValueNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.ts';

export const MAX_VARIABLE_DEPTH = 10;

interface Problem {
  argument: string;
  message: string;
  extra: Record<string, unknown>;
}

/** Walks a JSON value without recursion: the first string too long, or a nesting too deep. */
function inspect(name: string, root: unknown, maxLength: number): Problem | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === 'string') {
      if (value.length > maxLength)
        return {
          argument: name,
          message: `must be at most ${maxLength} characters (got ${value.length})`,
          extra: { max: maxLength },
        };
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_VARIABLE_DEPTH)
        return {
          argument: name,
          message: `is nested more than ${MAX_VARIABLE_DEPTH} levels deep`,
          extra: { maxDepth: MAX_VARIABLE_DEPTH },
        };
      for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

function literalStrings(node: ValueNode): unknown {
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.LIST) return node.values.map(literalStrings);
  if (node.kind === Kind.OBJECT) return node.fields.map((f) => literalStrings(f.value));
  return undefined;
}

export function inputLimitsPlugin(maxStringLength: number): Plugin {
  // The literals of a parsed document never change: checked once per document (yoga reuses it).
  const literalChecks = new WeakMap<DocumentNode, Problem | null>();
  const literalProblem = (document: DocumentNode) => {
    let found = literalChecks.get(document);
    if (found !== undefined) return found;
    found = null;
    visit(document, {
      Argument(node) {
        found ??= inspect(node.name.value, literalStrings(node.value), maxStringLength) ?? null;
      },
    });
    literalChecks.set(document, found);
    return found;
  };
  return {
    onParams({ params, setResult }) {
      for (const [name, value] of Object.entries(params.variables ?? {})) {
        const problem = inspect(`$${name}`, value, maxStringLength);
        if (problem)
          return setResult({ errors: [badInput(problem.argument, problem.message, problem.extra)] });
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const problem = literalProblem(args.document);
      if (problem)
        setResultAndStopExecution({ errors: [badInput(problem.argument, problem.message, problem.extra)] });
    },
  };
}
