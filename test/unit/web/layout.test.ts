import { describe, expect, it } from 'vitest';
import {
  arcBend,
  bendPoint,
  bendTowards,
  columnLayout,
  fanLayout,
  fitViewport,
  labelSize,
  nodeBox,
  overlappingPairs,
  radialLayout,
  separate,
  sideAway,
  wrapLabel,
} from '../../../src/web/app/map/layout.ts';

const names = Array.from({ length: 24 }, (_, i) => ({
  id: `n${i}`,
  label: `Concept number ${i} with a long name`,
}));

describe('the map layout', () => {
  it('wraps labels at word boundaries and sizes them', () => {
    expect(wrapLabel('Docker Engine')).toEqual(['Docker Engine']);
    expect(wrapLabel('docker-container build driver for builds').length).toBeGreaterThan(1);
    const { width, height } = labelSize('Docker Engine');
    expect(width).toBeGreaterThan(50);
    expect(height).toBeGreaterThan(10);
  });

  it('points labels away from the centre', () => {
    expect(sideAway({ x: 0, y: 0 }, { x: 100, y: 10 })).toBe('right');
    expect(sideAway({ x: 0, y: 0 }, { x: -100, y: 10 })).toBe('left');
    expect(sideAway({ x: 0, y: 0 }, { x: 5, y: -100 })).toBe('top');
    expect(sideAway({ x: 0, y: 0 }, { x: 5, y: 100 })).toBe('bottom');
  });

  it('lays a neighbourhood out the same way every time, centre in the middle', () => {
    const ring1 = names.slice(0, 12);
    const ring2 = names.slice(12).map((n, i) => ({ ...n, parent: `n${i % 12}` }));
    const a = radialLayout({ id: 'focus', label: 'Focus' }, ring1, ring2);
    const b = radialLayout({ id: 'focus', label: 'Focus' }, ring1, ring2);
    expect([...a]).toEqual([...b]);
    expect(a.get('focus')).toMatchObject({ x: 0, y: 0 });
    expect(a.size).toBe(25);
    const r = (id: string) => Math.hypot(a.get(id)?.x ?? 0, a.get(id)?.y ?? 0);
    expect(r('n12')).toBeGreaterThan(r('n0'));
  });

  it('fans an expansion out away from the centre', () => {
    const fan = fanLayout({ x: 200, y: 0 }, { x: 0, y: 0 }, names.slice(0, 3));
    for (const p of fan.values()) expect(p.x).toBeGreaterThan(200);
  });

  it('pushes overlapping node-and-label boxes apart, leaving pinned ones', () => {
    const items = names.slice(0, 10).map((n, i) => ({
      id: n.id,
      box: nodeBox({ x: i * 3, y: i * 2 }, 'bottom', n.label),
      pinned: i === 0,
    }));
    const offsets = separate(items);
    expect(offsets.get('n0')).toEqual({ x: 0, y: 0 });
    const moved = items.map((item) => {
      const o = offsets.get(item.id) ?? { x: 0, y: 0 };
      return {
        id: item.id,
        box: { x1: item.box.x1 + o.x, y1: item.box.y1 + o.y, x2: item.box.x2 + o.x, y2: item.box.y2 + o.y },
      };
    });
    expect(overlappingPairs(moved)).toEqual([]);
  });

  it('draws study plans as a column with arcs on the left', () => {
    const column = columnLayout(['a', 'b', 'c'], 50);
    expect(column.get('c')).toEqual({ x: 0, y: 100, side: 'right' });
    // An edge going up the column (a later step requiring an earlier one) bulges left.
    const up = bendPoint({ x: 0, y: 100 }, { x: 0, y: 0 }, arcBend({ x: 0, y: 100 }, { x: 0, y: 0 }));
    const down = bendPoint({ x: 0, y: 0 }, { x: 0, y: 100 }, arcBend({ x: 0, y: 0 }, { x: 0, y: 100 }));
    expect(up.x).toBeLessThan(0);
    expect(down.x).toBeLessThan(0);
  });

  it('bends edges between neighbours towards the centre', () => {
    const a = { x: 100, y: -100 };
    const b = { x: 100, y: 100 };
    const control = bendPoint(a, b, bendTowards(a, b, { x: 0, y: 0 }));
    expect(control.x).toBeLessThan(100);
  });

  it('fits the map when it can, and never below the readable zoom', () => {
    const box = { x1: -500, y1: -400, x2: 500, y2: 400 };
    const fits = fitViewport(box, 2000, 1600, { minZoom: 0.85, maxZoom: 1.3 });
    expect(fits.zoom).toBeCloseTo(1.3);
    const phone = fitViewport(box, 374, 560, { minZoom: 0.88, maxZoom: 1.3, anchor: { x: 100, y: 50 } });
    expect(phone.zoom).toBe(0.88);
    // Centred on the anchor.
    expect(phone.pan.x + 100 * 0.88).toBeCloseTo(187);
    expect(phone.pan.y + 50 * 0.88).toBeCloseTo(280);
  });
});
