import { describe, expect, it } from 'vitest';
import { luceneQuery } from './search.ts';

/** One term's clause: exact (boosted most), prefix, and fuzzy for longer terms. */
const GROUP = /^\(([\p{L}\p{N}]+)\^4 OR \1\*\^2(?: OR \1~)?\)$/u;

/** A whole query: the text's search key, exactly and as a prefix, then the term clauses. */
const QUERY = /^searchKeys:([\p{L}\p{N}]+)\^100 OR searchKeys:\1\*\^20 OR \((.*)\)$/u;

/** The term clauses of a query, checking the key clauses around them. */
function groupsOf(query: string): string {
  const match = QUERY.exec(query);
  if (!match) throw new Error(`not a search query: ${query}`);
  return match[2] as string;
}

/** The search key a query matches whole names, slugs and aliases with. */
const keyOf = (query: string) => QUERY.exec(query)?.[1];

/** The terms of a query, checking that it is made of nothing but well-formed term clauses. */
function termsOf(query: string): string[] {
  if (query === '') return [];
  return groupsOf(query)
    .split(') (')
    .map((part, i, parts) => {
      const group = `${i === 0 ? '' : '('}${part}${i === parts.length - 1 ? '' : ')'}`;
      const match = GROUP.exec(group);
      if (!match) throw new Error(`not a term clause: ${group}`);
      return match[1] as string;
    });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deterministic pseudo-random text over `alphabet` (a linear congruential generator, fixed seed). */
function randomTexts(alphabet: string[], count: number, seed = 42): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + (next() % 60) }, () => alphabet[next() % alphabet.length]).join(''),
  );
}

describe('search', () => {
  describe('luceneQuery', () => {
    describe('terms', () => {
      it('searches a term exactly (boosted), as a prefix and fuzzily', () => {
        expect(groupsOf(luceneQuery('containerd'))).toBe('(containerd^4 OR containerd*^2 OR containerd~)');
      });

      it('are lower-cased', () => {
        expect(termsOf(luceneQuery('ContainerD RUNC'))).toEqual(['containerd', 'runc']);
      });

      it('are split on anything but letters and digits', () => {
        expect(termsOf(luceneQuery('docker-compose up'))).toEqual(['docker', 'compose', 'up']);
        expect(termsOf(luceneQuery('overlay2/vxlan_id:4789'))).toEqual(['overlay2', 'vxlan', 'id', '4789']);
      });

      it('keep letters and digits of any script', () => {
        expect(termsOf(luceneQuery('Überlay Größe 日本語 Ⅻ'))).toEqual(['überlay', 'größe', '日本語', 'ⅻ']);
      });

      it('are at most 8, the first ones', () => {
        expect(termsOf(luceneQuery('one two three four five six seven eight nine ten'))).toEqual([
          'one',
          'two',
          'three',
          'four',
          'five',
          'six',
          'seven',
          'eight',
        ]);
      });

      it('count only non-empty pieces towards the 8', () => {
        expect(termsOf(luceneQuery('--a--b--c--d--e--f--g--h--i--'))).toEqual([...'abcdefgh']);
      });

      it('are cut at 40 characters', () => {
        const long = 'x'.repeat(50);
        expect(termsOf(luceneQuery(long))).toEqual(['x'.repeat(40)]);
        expect(termsOf(luceneQuery('y'.repeat(40)))).toEqual(['y'.repeat(40)]);
      });

      it('match the whole text, as a search key, against names, slugs and aliases', () => {
        expect(keyOf(luceneQuery('Docker CLI'))).toBe('dockercli');
        expect(keyOf(luceneQuery('docker-cli'))).toBe('dockercli');
        expect(keyOf(luceneQuery('  Überlay / Größe '))).toBe('überlaygröße');
      });

      it('give no query when the text has none', () => {
        expect(luceneQuery('')).toBe('');
        expect(luceneQuery('   ')).toBe('');
        expect(luceneQuery('-- ** ??')).toBe('');
      });
    });

    describe('fuzzy matching', () => {
      it('applies to terms of 4 characters or more', () => {
        expect(groupsOf(luceneQuery('runc'))).toBe('(runc^4 OR runc*^2 OR runc~)');
      });

      it('does not apply to shorter terms, which it would match with almost anything', () => {
        expect(groupsOf(luceneQuery('cli'))).toBe('(cli^4 OR cli*^2)');
        expect(groupsOf(luceneQuery('a'))).toBe('(a^4 OR a*^2)');
      });

      it('is decided per term', () => {
        expect(groupsOf(luceneQuery('ps runc'))).toBe('(ps^4 OR ps*^2) (runc^4 OR runc*^2 OR runc~)');
      });
    });

    describe('no Lucene syntax survives from the text', () => {
      it('keeps operator words as plain lower-case terms', () => {
        expect(termsOf(luceneQuery('a OR b'))).toEqual(['a', 'or', 'b']);
        expect(termsOf(luceneQuery('NOT runc AND TO'))).toEqual(['not', 'runc', 'and', 'to']);
      });

      it('drops every special character and escape', () => {
        expect(luceneQuery('+-&&||!(){}[]^"~*?:\\/')).toBe('');
        expect(termsOf(luceneQuery('run\\c~2 "docker* ps"^10'))).toEqual([
          'run',
          'c',
          '2',
          'docker',
          'ps',
          '10',
        ]);
        expect(termsOf(luceneQuery('field:value [a TO z] {x} /re.ex/'))).toEqual([
          'field',
          'value',
          'a',
          'to',
          'z',
          'x',
          're',
          'ex',
        ]);
      });

      it('holds for any mix of special characters, letters and other scripts', () => {
        const alphabet = [...'+-&|!(){}[]^"~*?:\\/ \t\n.,\'`#@%$aBz09ÉßЖ語İ', 'OR', 'AND', 'NOT', '\u0000'];
        for (const text of randomTexts(alphabet, 500)) {
          const query = luceneQuery(text);
          const terms = termsOf(query);
          expect(terms.length).toBeLessThanOrEqual(8);
          for (const term of terms) {
            expect(term).toBe(term.toLowerCase());
            expect([...term].length).toBeLessThanOrEqual(40);
          }
        }
      });
    });

    describe('counts characters, not UTF-16 code units', () => {
      // '𠀀' (U+20000, a CJK ideograph) is one letter written as two UTF-16 code units.
      const ideograph = '𠀀';

      it('cuts a long term at 40 characters without splitting one in half', () => {
        const query = luceneQuery(`a${ideograph.repeat(45)}`);
        expect(query).not.toMatch(LONE_SURROGATE);
        expect(termsOf(query)).toEqual([`a${ideograph.repeat(39)}`]);
      });

      it('does not make a term of 2 characters fuzzy', () => {
        expect(groupsOf(luceneQuery(ideograph.repeat(2)))).toBe(
          `(${ideograph.repeat(2)}^4 OR ${ideograph.repeat(2)}*^2)`,
        );
      });
    });
  });
});
