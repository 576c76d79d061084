/** The schema: each domain file registers its types and root fields; this only assembles them. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import './concept.ts';
import './node.ts';
import './chapter.ts';
import './relation.ts';
import './search.ts';
import './traversal.ts';
import './learning.ts';
import './health.ts';

export const schema = lexicographicSortSchema(builder.toSchema());
