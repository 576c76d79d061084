/**
 * The relationship and kind filters as static HTML, written into index.html at build time so the
 * page opens with them in place (nothing moves when the script arrives) and readable without
 * script. `controls.ts` only wires them up.
 */
import { KIND_STYLES, KINDS, RELATION_TYPES, shapeClip, typeLabel, typeStyle } from './app/map/styles.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function typeFiltersHtml(): string {
  return RELATION_TYPES.map((type) => {
    const ts = typeStyle(type);
    const swatch = `<span class="edge-swatch${ts.symmetric ? ' symmetric' : ''}" style="border-top-style:${ts.line};border-top-color:${ts.color};border-left-color:${ts.color}" aria-hidden="true"></span>`;
    return `<label><input type="checkbox" value="${type}" data-type="${type}" data-focus="type:${type}" checked />${swatch}${escapeHtml(typeLabel(type))}</label>`;
  }).join('\n');
}

export function kindFiltersHtml(): string {
  return KINDS.map((kind) => {
    const ks = KIND_STYLES[kind];
    const swatch = `<span class="swatch" style="background:${ks.color};clip-path:${shapeClip(ks.shape)}" aria-hidden="true"></span>`;
    return `<label><input type="checkbox" value="${kind}" data-kind="${kind}" data-focus="kind:${kind}" checked />${swatch}${escapeHtml(ks.label)}</label>`;
  }).join('\n');
}
