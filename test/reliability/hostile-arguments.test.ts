/**
 * Property 2: out-of-range and hostile arguments — negative, huge and non-integer numbers, Lucene
 * syntax, Cypher fragments — in every argument of every root field come back as BAD_USER_INPUT,
 * CONCEPT_NOT_FOUND / CHAPTER_NOT_FOUND, a GraphQL type error, or (search) a literal search; never
 * an internal error, and the graph is unchanged (node and relationship counts, checksum).
 */
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';
import { gql, graphCounts, testDatabase, testYoga } from '../helpers/graph.ts';
import { report } from './helpers.ts';

const db = testDatabase();
const yoga = testYoga(db);
afterAll(() => db.close());

const HOSTILE_STRINGS = [
  'x}) DETACH DELETE n //',
  "x'}) MATCH (n) DETACH DELETE n RETURN 1 //",
  '`) DETACH DELETE n WITH 1 AS x MATCH (m',
  '" OR 1=1 --',
  '*:*',
  'name:runc~ AND (',
  'a* OR b? NOT c^2 "unterminated',
  '\\',
  '$slug',
  '\u0000\u202e',
  'runc'.repeat(600),
];
const HOSTILE_INTS = [-1, 0, -2_147_483_648, 2_147_483_647, 2_147_483_648, 2.5, 1e300];

/** A valid value for an argument, so that only the one under attack is hostile. */
function validValue(argument: GraphQLArgument): unknown {
  const type = argument.type;
  if (!isNonNullType(type) || argument.defaultValue !== undefined) return undefined; // optional: leave it out
  const named = getNamedType(type);
  if (isListType(type.ofType)) return argument.name === 'goals' ? ['runc'] : ['runc'];
  if (named.name === 'Int') return 1;
  if (named.name === 'ID') return 'Q29uY2VwdDpydW5j';
  if (argument.name === 'to') return 'containerd';
  return 'runc';
}

/** The smallest selection of a field's type. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isObjectType(named) || !isScalarType(named) ? '{ __typename }' : '';
}

const graphqlType = (type: GraphQLInputType): string => type.toString();

interface Attack {
  field: string;
  argument: string;
  value: unknown;
  query: string;
  variables: Record<string, unknown>;
}

function attacks(): Attack[] {
  const out: Attack[] = [];
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    for (const target of field.args) {
      const named = getNamedType(target.type);
      if (isEnumType(named)) continue; // only the enum's values parse at all
      const list = isListType(isNonNullType(target.type) ? target.type.ofType : target.type);
      let values: unknown[];
      if (isInputObjectType(named)) {
        // ConceptFilter: hostile tags and chapter numbers.
        values = [
          ...HOSTILE_STRINGS.map((s) => ({ tags: [s] })),
          ...HOSTILE_INTS.map((n) => ({ chapter: n })),
        ];
      } else if (named.name === 'Int') values = HOSTILE_INTS;
      else values = HOSTILE_STRINGS.map((s) => (list ? [s, 'runc'] : s));
      for (const value of values) {
        const variables: Record<string, unknown> = {};
        const defs: string[] = [];
        const args: string[] = [];
        for (const argument of field.args) {
          const v = argument === target ? value : validValue(argument);
          if (v === undefined) continue;
          variables[argument.name] = v;
          defs.push(`$${argument.name}: ${graphqlType(argument.type)}`);
          args.push(`${argument.name}: $${argument.name}`);
        }
        const query = `query Attack${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${
          args.length ? `(${args.join(', ')})` : ''
        } ${selection(field)} }`;
        out.push({ field: field.name, argument: target.name, value, query, variables });
      }
    }
  }
  return out;
}

const ALLOWED_CODES = new Set(['BAD_USER_INPUT', 'CONCEPT_NOT_FOUND', 'CHAPTER_NOT_FOUND']);

describe('hostile arguments in every argument of every root field', () => {
  it('are refused with a documented code or a GraphQL type error (or searched literally), and change nothing', async () => {
    const before = await graphCounts(db);
    const all = attacks();
    const outcomes: Record<string, number> = {};
    const fieldsCovered = new Set<string>();
    for (const attack of all) {
      const response = await gql(yoga, attack.query, attack.variables);
      const label = `${attack.field}(${attack.argument}: ${JSON.stringify(attack.value).slice(0, 60)})`;
      fieldsCovered.add(attack.field);
      const error = response.errors?.[0];
      let outcome: string;
      if (!error) outcome = 'answered';
      else if (error.extensions?.code) outcome = String(error.extensions.code);
      else if (/cannot represent|got invalid value|Expected type/i.test(error.message))
        outcome = 'TYPE_ERROR';
      else outcome = /^Invalid global ID/.test(error.message) ? 'INVALID_GLOBAL_ID' : 'OTHER';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (process.env.DEBUG_ATTACKS)
        process.stdout.write(`${outcome} ${label} ${error?.message?.slice(0, 80)}\n`);
      expect(
        ['answered', 'TYPE_ERROR', 'INVALID_GLOBAL_ID', ...ALLOWED_CODES],
        `${label}: ${error?.message}`,
      ).toContain(outcome);
      if (outcome === 'answered') {
        // Only a literal search, a node lookup by a (non-)ID, or an in-range number may answer.
        expect(
          [
            'search',
            'node',
            'nodes',
            'concepts',
            'chapter',
            'path',
            'neighborhood',
            'prerequisites',
            'impact',
            'nextToLearn',
            'learningPath',
          ],
          label,
        ).toContain(attack.field);
      }
      expect(JSON.stringify(response), label).not.toMatch(/Neo4jError|Cypher|SyntaxError|stack/i);
    }
    expect(await graphCounts(db)).toEqual(before);
    expect(fieldsCovered.size).toBeGreaterThanOrEqual(10);
    report('hostile arguments: attacks sent', all.length);
    report('hostile arguments: root fields covered', [...fieldsCovered].sort().join(', '));
    report('hostile arguments: outcomes', outcomes);
    report('hostile arguments: graph before = after', before);
  });

  it('searches Lucene and Cypher syntax literally', async () => {
    for (const text of ['*:*', 'x}) DETACH DELETE n //', 'name:runc~ AND (', 'containerd OR runc']) {
      const response = await gql(yoga, 'query($t: String!) { search(text: $t) { concept { slug } } }', {
        t: text,
      });
      expect(response.errors, text).toBeUndefined();
      expect(Array.isArray(response.data?.search)).toBe(true);
    }
  });
});
