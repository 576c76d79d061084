/**
 * How kinds and relationship types look, in one place: the Cytoscape stylesheet and the legend are
 * both drawn from these tables, so they cannot disagree. Colours hold at least 3:1 against the white
 * canvas (WCAG non-text contrast); labels are dark on a light halo.
 */
import type { StylesheetJson } from 'cytoscape';

export interface KindStyle {
  label: string;
  color: string;
  shape: string;
}

export const KIND_STYLES: Record<string, KindStyle> = {
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
};

export const FALLBACK_KIND: KindStyle = { label: 'Other', color: '#57606a', shape: 'ellipse' };

export const kindStyle = (kind: string): KindStyle => KIND_STYLES[kind] ?? FALLBACK_KIND;

export interface TypeStyle {
  /** Reading of `A TYPE B` from A's side and from B's side, for the details panel. */
  outgoing: string;
  incoming: string;
  color: string;
  line: 'solid' | 'dashed' | 'dotted';
  arrow: string;
  symmetric?: boolean;
}

export const TYPE_STYLES: Record<string, TypeStyle> = {
  REQUIRES: {
    outgoing: 'Requires (study first)',
    incoming: 'Prerequisite for',
    color: '#cf222e',
    line: 'solid',
    arrow: 'triangle',
  },
  DEPENDS_ON: {
    outgoing: 'Depends on',
    incoming: 'Needed by',
    color: '#1f6feb',
    line: 'solid',
    arrow: 'triangle',
  },
  PART_OF: { outgoing: 'Part of', incoming: 'Has parts', color: '#8250df', line: 'solid', arrow: 'diamond' },
  IMPLEMENTS: {
    outgoing: 'Implements',
    incoming: 'Implemented by',
    color: '#0a7d6c',
    line: 'dashed',
    arrow: 'triangle-tee',
  },
  USES: { outgoing: 'Uses', incoming: 'Used by', color: '#57606a', line: 'dashed', arrow: 'vee' },
  MANAGES: { outgoing: 'Manages', incoming: 'Managed by', color: '#9a6700', line: 'solid', arrow: 'vee' },
  OPERATES_ON: {
    outgoing: 'Operates on',
    incoming: 'Operated on by',
    color: '#bc4c00',
    line: 'dotted',
    arrow: 'vee',
  },
  EVOLVED_FROM: {
    outgoing: 'Evolved from',
    incoming: 'Evolved into',
    color: '#6e5494',
    line: 'dashed',
    arrow: 'chevron',
  },
  ALTERNATIVE_TO: {
    outgoing: 'Alternative to',
    incoming: 'Alternative to',
    color: '#116329',
    line: 'dotted',
    arrow: 'none',
    symmetric: true,
  },
  RELATED_TO: {
    outgoing: 'Related to',
    incoming: 'Related to',
    color: '#8c959f',
    line: 'dotted',
    arrow: 'none',
    symmetric: true,
  },
};

export const RELATION_TYPES = Object.keys(TYPE_STYLES);

export const typeStyle = (type: string): TypeStyle =>
  TYPE_STYLES[type] ?? { outgoing: type, incoming: type, color: '#57606a', line: 'solid', arrow: 'triangle' };

/** CSS clip-paths that echo the Cytoscape node shapes in the HTML legend. */
export const SHAPE_CLIPS: Record<string, string> = {
  ellipse: 'circle(50% at 50% 50%)',
  'round-rectangle': 'inset(8% 0 8% 0 round 25%)',
  barrel: 'inset(4% 0 4% 0 round 45% / 20%)',
  diamond: 'polygon(50% 0, 100% 50%, 50% 100%, 0 50%)',
  'round-diamond': 'polygon(50% 0, 100% 50%, 50% 100%, 0 50%)',
  hexagon: 'polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%)',
  'round-hexagon': 'polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%)',
  octagon: 'polygon(30% 0, 70% 0, 100% 30%, 100% 70%, 70% 100%, 30% 100%, 0 70%, 0 30%)',
  'cut-rectangle': 'polygon(20% 0, 80% 0, 100% 20%, 100% 80%, 80% 100%, 20% 100%, 0 80%, 0 20%)',
  'round-tag': 'polygon(0 0, 70% 0, 100% 50%, 70% 100%, 0 100%)',
  tag: 'polygon(0 0, 70% 0, 100% 50%, 70% 100%, 0 100%)',
  'round-pentagon': 'polygon(50% 0, 100% 38%, 82% 100%, 18% 100%, 0 38%)',
  rhomboid: 'polygon(25% 0, 100% 0, 75% 100%, 0 100%)',
  star: 'polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%)',
  'round-triangle': 'polygon(50% 0, 100% 100%, 0 100%)',
};

export function cytoscapeStyle(): StylesheetJson {
  const style: StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        width: 30,
        height: 30,
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': 12,
        color: '#1f2328',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'border-width': 2,
        'border-color': '#ffffff',
        'overlay-padding': 4,
      },
    },
    {
      selector: 'node.focus',
      style: {
        width: 46,
        height: 46,
        'border-width': 4,
        'border-color': '#1f2328',
        'font-size': 14,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node:selected',
      style: {
        'border-width': 4,
        'border-color': '#fb8500',
        'underlay-color': '#fb8500',
        'underlay-opacity': 0.25,
        'underlay-padding': 6,
      },
    },
    {
      selector: 'node.expanded',
      style: { 'border-style': 'double', 'border-width': 5, 'border-color': '#1f2328' },
    },
    {
      selector: 'node.goal',
      style: { width: 44, height: 44, 'border-width': 4, 'border-color': '#1f2328', 'font-weight': 'bold' },
    },
    { selector: 'node.step', style: { 'font-size': 15, 'text-max-width': '150px' } },
    { selector: '.dim', style: { opacity: 0.18 } },
    { selector: 'node.kind-hidden', style: { display: 'none' } },
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': 'bezier',
        'arrow-scale': 1.2,
        'font-size': 10,
        color: '#1f2328',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        'text-rotation': 'autorotate',
        'overlay-padding': 3,
      },
    },
    { selector: 'edge:selected, edge.labelled', style: { label: 'data(label)', width: 3 } },
    {
      selector: 'edge.highlight',
      style: { width: 5, label: 'data(label)', 'font-size': 12, 'font-weight': 'bold', 'z-index': 10 },
    },
  ];
  for (const [kind, s] of Object.entries(KIND_STYLES)) {
    style.push({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': s.color, shape: s.shape as never },
    });
  }
  for (const [type, s] of Object.entries(TYPE_STYLES)) {
    style.push({
      selector: `edge[type = "${type}"]`,
      style: {
        'line-color': s.color,
        'line-style': s.line,
        'target-arrow-color': s.color,
        'target-arrow-shape': s.arrow as never,
        'source-arrow-color': s.color,
      },
    });
  }
  return style;
}
