/**
 * Refuses, with BAD_USER_INPUT, any string argument or variable longer than `max` characters
 * before execution: no slug, ID, cursor or search text is that long, and some (a fuzzy
 * full-text term over 1000 characters) fail inside Neo4j instead of answering.
 */
import { type DocumentNode, Kind, type ValueNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.ts';

/** The first string longer than `max` in a value (of a variable or a literal), if any. */
function tooLong(value: unknown, max: number): string | undefined {
  if (typeof value === 'string') return value.length > max ? value : undefined;
  if (Array.isArray(value))
    for (const item of value) {
      const found = tooLong(item, max);
      if (found !== undefined) return found;
    }
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) {
      const found = tooLong(item, max);
      if (found !== undefined) return found;
    }
  return undefined;
}

function literalStrings(node: ValueNode): unknown {
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.LIST) return node.values.map(literalStrings);
  if (node.kind === Kind.OBJECT) return node.fields.map((f) => literalStrings(f.value));
  return undefined;
}

export function stringLengthPlugin(max: number): Plugin {
  const refuse = (argument: string, length: number) =>
    badInput(argument, `must be at most ${max} characters (got ${length})`, { max });
  // The literals of a parsed document never change: checked once per document (yoga reuses it).
  const literalChecks = new WeakMap<DocumentNode, { argument: string; length: number } | null>();
  const tooLongLiteral = (document: DocumentNode) => {
    let found = literalChecks.get(document);
    if (found !== undefined) return found;
    found = null;
    visit(document, {
      Argument(node) {
        const long = found ? undefined : tooLong(literalStrings(node.value), max);
        if (long !== undefined) found = { argument: node.name.value, length: long.length };
      },
    });
    literalChecks.set(document, found);
    return found;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      for (const [name, value] of Object.entries(args.variableValues ?? {})) {
        const found = tooLong(value, max);
        if (found !== undefined) {
          setResultAndStopExecution({ errors: [refuse(`$${name}`, found.length)] });
          return;
        }
      }
      const literal = tooLongLiteral(args.document);
      if (literal) setResultAndStopExecution({ errors: [refuse(literal.argument, literal.length)] });
    },
  };
}
