import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import './concept.ts';
import './chapter.ts';

export const schema = lexicographicSortSchema(builder.toSchema());
