import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  compareText,
  conceptProjection,
  conceptShape,
  isWhole,
  optionalConceptProjection,
  relationProjection,
  toConcept,
  toRelation,
} from './records.ts';

/** The property names a node projection reads, in the order of its text: `[c.a, c.b]` → a, b. */
function fieldsOf(projection: string, variable: string): string[] {
  expect(projection).toMatch(/^\[.*\]$/);
  return projection
    .slice(1, -1)
    .split(', ')
    .map((part) => {
      const [name, field, ...rest] = part.split('.');
      expect(name).toBe(variable);
      expect(rest).toEqual([]);
      return field as string;
    });
}

/** A distinguishable value for each stored property, as the driver returns it. */
const STORED: Record<string, unknown> = {
  slug: 'the-slug',
  name: 'The Name',
  kind: 'COMPONENT',
  summary: 'The summary.',
  aliases: ['alias-1', 'alias-2'],
  tags: ['tag-1'],
  chapters: [neo4j.int(3), neo4j.int(5)],
  background: true,
  estimatedMinutes: neo4j.int(25),
  bottleneck: neo4j.int(7),
  sortName: 'the name',
  firstChapter: neo4j.int(3),
};
/** The same values as plain JavaScript, as resolvers must see them. */
const PLAIN: Record<string, unknown> = {
  ...STORED,
  chapters: [3, 5],
  estimatedMinutes: 25,
  bottleneck: 7,
  firstChapter: 3,
};

/** The list Neo4j returns for `projection`, built from the projection's own text. */
const rowFor = (fields: string[], values: Record<string, unknown>) =>
  fields.map((field) => {
    expect(values, `no sample value for ${field}`).toHaveProperty(field);
    return values[field];
  });

describe('records', () => {
  describe('concepts', () => {
    const fields = fieldsOf(conceptProjection('c'), 'c');

    it('project every property of a stored concept, each once', () => {
      expect([...fields].sort()).toEqual(Object.keys(STORED).sort());
    });

    it('bind the projection to the variable given', () => {
      expect(fieldsOf(conceptProjection('node'), 'node')).toEqual(fields);
    });

    it('read each value back into its own field', () => {
      expect(toConcept(rowFor(fields, STORED))).toEqual(PLAIN);
    });

    it('turn neo4j Integers into numbers', () => {
      const concept = toConcept(rowFor(fields, STORED));
      expect(typeof concept.estimatedMinutes).toBe('number');
      expect(typeof concept.bottleneck).toBe('number');
      expect(typeof concept.firstChapter).toBe('number');
      expect(concept.chapters.every((n) => typeof n === 'number')).toBe(true);
    });

    it('accept plain numbers too', () => {
      expect(toConcept(rowFor(fields, PLAIN))).toEqual(PLAIN);
    });

    it('read missing properties (nulls) as empty text, empty lists, false and null', () => {
      expect(toConcept(fields.map(() => null))).toEqual({
        slug: '',
        name: '',
        kind: '',
        summary: '',
        aliases: [],
        tags: [],
        chapters: [],
        background: false,
        estimatedMinutes: null,
        bottleneck: null,
        sortName: '',
        firstChapter: null,
      });
    });

    it('read background as true only when it is the boolean true', () => {
      const withBackground = (value: unknown) =>
        toConcept(rowFor(fields, { ...STORED, background: value })).background;
      expect(withBackground(true)).toBe(true);
      expect(withBackground('true')).toBe(false);
      expect(withBackground(1)).toBe(false);
    });

    it('are whole', () => {
      expect(isWhole(toConcept(rowFor(fields, STORED)))).toBe(true);
    });

    it('project null, not a list of nulls, for an unbound optional variable', () => {
      expect(optionalConceptProjection('a')).toBe(
        `CASE WHEN a IS NULL THEN null ELSE ${conceptProjection('a')} END`,
      );
    });
  });

  describe('concept rows of some columns', () => {
    it('project the slug first, then the columns asked for in the whole projection’s order', () => {
      expect(fieldsOf(conceptShape(['sortName', 'kind']).projection('o'), 'o')).toEqual([
        'slug',
        'kind',
        'sortName',
      ]);
      expect(fieldsOf(conceptShape([]).projection('o'), 'o')).toEqual(['slug']);
      expect(fieldsOf(conceptShape(['slug', 'name', 'name']).projection('o'), 'o')).toEqual(['slug', 'name']);
    });

    it('read each value back into its own field, and no other field', () => {
      const shape = conceptShape(['name', 'estimatedMinutes']);
      const row = shape.read(rowFor(fieldsOf(shape.projection('c'), 'c'), STORED));
      expect(row).toEqual({ slug: 'the-slug', name: 'The Name', estimatedMinutes: 25 });
      expect(isWhole(row)).toBe(false);
    });

    it('are one shape (and one query text) per set of columns', () => {
      expect(conceptShape(['kind', 'name'])).toBe(conceptShape(['name', 'kind', 'slug']));
    });
  });

  describe('relations', () => {
    const projection = relationProjection('rel', 'src', 'dst');
    /** What Neo4j returns for each expression of the projection. */
    const STORED_RELATION: Record<string, unknown> = {
      'type(rel)': 'USES',
      'src.slug': 'docker-cli',
      'dst.slug': 'containerd',
      'rel.note': 'through the API',
      'rel.chapter': neo4j.int(4),
    };
    const expressions = projection.slice(1, -1).split(', ');

    it("project the type, both ends' slugs, the note and the chapter, bound to the variables given", () => {
      expect([...expressions].sort()).toEqual(Object.keys(STORED_RELATION).sort());
    });

    it('read each value back into its own field, with neo4j Integers as numbers', () => {
      expect(toRelation(rowFor(expressions, STORED_RELATION))).toEqual({
        type: 'USES',
        from: 'docker-cli',
        to: 'containerd',
        note: 'through the API',
        chapter: 4,
      });
    });

    it('read a missing note and chapter as null', () => {
      const row = rowFor(expressions, { ...STORED_RELATION, 'rel.note': null, 'rel.chapter': null });
      expect(toRelation(row)).toMatchObject({ note: null, chapter: null });
    });

    it('read a short list (properties absent) as nulls too', () => {
      expect(toRelation(['REQUIRES', 'a', 'b'])).toEqual({
        type: 'REQUIRES',
        from: 'a',
        to: 'b',
        note: null,
        chapter: null,
      });
    });
  });

  describe('compareText', () => {
    it('orders by UTF-16 code unit, as Neo4j sorts strings', () => {
      expect(['b', 'a', 'Z', 'é', 'z'].sort(compareText)).toEqual(['Z', 'a', 'b', 'z', 'é']);
    });

    it('calls equal strings equal', () => {
      expect(compareText('runc', 'runc')).toBe(0);
    });
  });
});
