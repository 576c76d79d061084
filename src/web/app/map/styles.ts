/**
 * How kinds and relationship types look, in one place: the map (Cytoscape and the SVG first
 * paint), the legend and the filters all read these tables, so they cannot disagree. Colours
 * hold at least 3:1 against the white canvas (WCAG non-text contrast). Keyed by the generated
 * schema enums: a new kind or type in the schema fails the type check until it has a style.
 */
import type { ConceptKind, RelationType } from '../gql/graphql.ts';

export type Shape =
  | 'ellipse'
  | 'round-rectangle'
  | 'barrel'
  | 'diamond'
  | 'round-diamond'
  | 'hexagon'
  | 'round-hexagon'
  | 'octagon'
  | 'cut-rectangle'
  | 'round-tag'
  | 'tag'
  | 'round-pentagon'
  | 'rhomboid'
  | 'star'
  | 'round-triangle';

export interface KindStyle {
  label: string;
  color: string;
  shape: Shape;
}

export const KIND_STYLES = {
  COMPONENT: { label: 'Component', color: '#1f6feb', shape: 'round-rectangle' },
  SPECIFICATION: { label: 'Specification', color: '#8250df', shape: 'diamond' },
  CONCEPT: { label: 'Concept', color: '#0a7d6c', shape: 'ellipse' },
  FEATURE: { label: 'Feature', color: '#bf3989', shape: 'hexagon' },
  KERNEL_FEATURE: { label: 'Kernel feature', color: '#9a6700', shape: 'octagon' },
  COMMAND: { label: 'Command', color: '#57606a', shape: 'cut-rectangle' },
  TOOL: { label: 'Tool', color: '#cf222e', shape: 'round-tag' },
  NETWORK_DRIVER: { label: 'Network driver', color: '#0969da', shape: 'round-pentagon' },
  STORAGE_DRIVER: { label: 'Storage driver', color: '#6e5494', shape: 'round-pentagon' },
  VOLUME_DRIVER: { label: 'Volume driver', color: '#1b7c83', shape: 'round-pentagon' },
  BUILD_DRIVER: { label: 'Build driver', color: '#a40e26', shape: 'round-pentagon' },
  PROTOCOL: { label: 'Protocol', color: '#116329', shape: 'rhomboid' },
  FILE_FORMAT: { label: 'File format', color: '#953800', shape: 'tag' },
  ORGANIZATION: { label: 'Organization', color: '#6639ba', shape: 'star' },
  PROJECT: { label: 'Project', color: '#0550ae', shape: 'barrel' },
  PRODUCT: { label: 'Product', color: '#bc4c00', shape: 'round-diamond' },
  TECHNOLOGY: { label: 'Technology', color: '#4d2d00', shape: 'round-hexagon' },
  PRACTICE: { label: 'Practice', color: '#1a7f37', shape: 'round-triangle' },
} as const satisfies Record<ConceptKind, KindStyle>;

export const KINDS = Object.keys(KIND_STYLES) as ConceptKind[];

export const FALLBACK_KIND: KindStyle = { label: 'Other', color: '#57606a', shape: 'ellipse' };

export const kindStyle = (kind: string): KindStyle =>
  (KIND_STYLES as Record<string, KindStyle>)[kind] ?? FALLBACK_KIND;

export interface TypeStyle {
  /** `A TYPE B` read from A's side and from B's side ("Depends on" / "Needed by"). */
  outgoing: string;
  incoming: string;
  /** The verb in a sentence: "containerd depends on the shim". */
  verb: string;
  color: string;
  line: 'solid' | 'dashed' | 'dotted';
  arrow: 'triangle' | 'diamond' | 'triangle-tee' | 'vee' | 'chevron' | 'none';
  /** Hollow arrowheads (UML's "is a kind of"). */
  hollow?: boolean;
  symmetric?: boolean;
}

export const TYPE_STYLES = {
  REQUIRES: {
    outgoing: 'Requires (study first)',
    incoming: 'Prerequisite for',
    verb: 'requires',
    color: '#cf222e',
    line: 'solid',
    arrow: 'triangle',
  },
  DEPENDS_ON: {
    outgoing: 'Depends on',
    incoming: 'Needed by',
    verb: 'depends on',
    color: '#1f6feb',
    line: 'solid',
    arrow: 'triangle',
  },
  IS_A: {
    outgoing: 'Is a kind of (study first)',
    incoming: 'Kinds of it',
    verb: 'is a kind of',
    color: '#0550ae',
    line: 'solid',
    arrow: 'triangle',
    hollow: true,
  },
  PART_OF: {
    outgoing: 'Part of',
    incoming: 'Has parts',
    verb: 'is part of',
    color: '#8250df',
    line: 'solid',
    arrow: 'diamond',
  },
  IMPLEMENTS: {
    outgoing: 'Implements',
    incoming: 'Implemented by',
    verb: 'implements',
    color: '#0a7d6c',
    line: 'dashed',
    arrow: 'triangle-tee',
  },
  USES: {
    outgoing: 'Uses',
    incoming: 'Used by',
    verb: 'uses',
    color: '#57606a',
    line: 'dashed',
    arrow: 'vee',
  },
  MANAGES: {
    outgoing: 'Manages',
    incoming: 'Managed by',
    verb: 'manages',
    color: '#9a6700',
    line: 'solid',
    arrow: 'vee',
  },
  OPERATES_ON: {
    outgoing: 'Operates on',
    incoming: 'Operated on by',
    verb: 'operates on',
    color: '#bc4c00',
    line: 'dotted',
    arrow: 'vee',
  },
  EVOLVED_FROM: {
    outgoing: 'Evolved from',
    incoming: 'Evolved into',
    verb: 'evolved from',
    color: '#6e5494',
    line: 'dashed',
    arrow: 'chevron',
  },
  ALTERNATIVE_TO: {
    outgoing: 'Alternative to',
    incoming: 'Alternative to',
    verb: 'is an alternative to',
    color: '#116329',
    line: 'dotted',
    arrow: 'none',
    symmetric: true,
  },
  RELATED_TO: {
    outgoing: 'Related to',
    incoming: 'Related to',
    verb: 'is related to',
    color: '#6e7781',
    line: 'dotted',
    arrow: 'none',
    symmetric: true,
  },
} as const satisfies Record<RelationType, TypeStyle>;

export const RELATION_TYPES = Object.keys(TYPE_STYLES) as RelationType[];

export const typeStyle = (type: string): TypeStyle =>
  (TYPE_STYLES as Record<string, TypeStyle>)[type] ?? {
    outgoing: type,
    incoming: type,
    verb: type.toLowerCase().replace(/_/g, ' '),
    color: '#57606a',
    line: 'solid',
    arrow: 'triangle',
  };

/** Short label of a type, for filters and edge labels ("depends on"). */
export const typeLabel = (type: string) => typeStyle(type).outgoing.replace(/ \(.*\)$/, '');

/** Outline of each shape in a unit square (0-1), for the HTML legend and the SVG first paint. */
export const SHAPE_POINTS: Record<Shape, [number, number][] | 'circle' | 'rect'> = {
  ellipse: 'circle',
  'round-rectangle': 'rect',
  barrel: 'rect',
  diamond: [
    [0.5, 0],
    [1, 0.5],
    [0.5, 1],
    [0, 0.5],
  ],
  'round-diamond': [
    [0.5, 0],
    [1, 0.5],
    [0.5, 1],
    [0, 0.5],
  ],
  hexagon: [
    [0.25, 0],
    [0.75, 0],
    [1, 0.5],
    [0.75, 1],
    [0.25, 1],
    [0, 0.5],
  ],
  'round-hexagon': [
    [0.25, 0],
    [0.75, 0],
    [1, 0.5],
    [0.75, 1],
    [0.25, 1],
    [0, 0.5],
  ],
  octagon: [
    [0.3, 0],
    [0.7, 0],
    [1, 0.3],
    [1, 0.7],
    [0.7, 1],
    [0.3, 1],
    [0, 0.7],
    [0, 0.3],
  ],
  'cut-rectangle': [
    [0.2, 0],
    [0.8, 0],
    [1, 0.2],
    [1, 0.8],
    [0.8, 1],
    [0.2, 1],
    [0, 0.8],
    [0, 0.2],
  ],
  'round-tag': [
    [0, 0],
    [0.7, 0],
    [1, 0.5],
    [0.7, 1],
    [0, 1],
  ],
  tag: [
    [0, 0],
    [0.7, 0],
    [1, 0.5],
    [0.7, 1],
    [0, 1],
  ],
  'round-pentagon': [
    [0.5, 0],
    [1, 0.38],
    [0.82, 1],
    [0.18, 1],
    [0, 0.38],
  ],
  rhomboid: [
    [0.25, 0],
    [1, 0],
    [0.75, 1],
    [0, 1],
  ],
  star: [
    [0.5, 0],
    [0.61, 0.35],
    [0.98, 0.35],
    [0.68, 0.57],
    [0.79, 0.91],
    [0.5, 0.7],
    [0.21, 0.91],
    [0.32, 0.57],
    [0.02, 0.35],
    [0.39, 0.35],
  ],
  'round-triangle': [
    [0.5, 0],
    [1, 1],
    [0, 1],
  ],
};

/** CSS clip-path echoing a node shape (legend swatches). */
export function shapeClip(shape: Shape): string {
  const points = SHAPE_POINTS[shape];
  if (points === 'circle') return 'circle(50% at 50% 50%)';
  if (points === 'rect') return 'inset(8% 0 8% 0 round 25%)';
  return `polygon(${points.map(([x, y]) => `${Math.round(x * 100)}% ${Math.round(y * 100)}%`).join(', ')})`;
}
