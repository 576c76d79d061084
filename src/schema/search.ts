/** Full-text search over concept names, aliases and summaries. */
import type { SearchHit } from '../graph/search.ts';
import { LIMITS } from '../service/limits.ts';
import { builder, requested } from './builder.ts';
import { ConceptRef } from './concept.ts';
import { conceptSelection } from './concept-selection.ts';

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'A concept that matches the search text, with its relevance.',
  fields: (t) => ({
    concept: t.field({
      type: ConceptRef,
      description: 'The matching concept.',
      resolve: (hit) => hit.concept,
    }),
    score: t.exposeFloat('score', {
      description: 'Relevance (Lucene score); higher is better. Hits come best first.',
    }),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    description:
      'Concepts whose name, aliases or summary match `text`, best first. Tolerates typos ("containrd") and ' +
      'treats every character literally (no query syntax). Empty when nothing matches.',
    complexity: (args) => ({ field: 5, multiplier: requested(args.first, LIMITS.searchFirst) }),
    args: {
      text: t.arg.string({
        description: 'What to look for, 1-200 characters, e.g. `dockerd` or `overlay network`.',
      }),
      first: t.arg.int({ defaultValue: 10, description: 'How many hits at most (1-50).' }),
    },
    resolve: (_root, { text, first }, ctx, info) =>
      ctx.graph.search(text, first, conceptSelection(info, ['concept'])),
  }),
);
