import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FOCUS,
  defaultState,
  mapChanged,
  parseState,
  serializeState,
} from '../../src/web/app/url-state.ts';

describe('the concept-map URL state', () => {
  it('is empty for the default view', () => {
    expect(serializeState(defaultState())).toBe('');
    expect(parseState('')).toEqual(defaultState());
  });

  it('round-trips focus, filters, goals, known concepts and mode', () => {
    const state = {
      ...defaultState(),
      mode: 'learn' as const,
      focus: 'containerd',
      depth: 2,
      expanded: ['containerd-shim'],
      types: ['DEPENDS_ON', 'REQUIRES'],
      hiddenKinds: ['COMMAND'],
      goals: ['overlay-driver'],
      known: ['docker-engine', 'vxlan'],
      selected: 'runc',
    };
    const query = serializeState(state);
    expect(query).toBe(
      '?mode=learn&focus=containerd&depth=2&expand=containerd-shim&types=DEPENDS_ON,REQUIRES&hideKinds=COMMAND&goals=overlay-driver&known=docker-engine,vxlan&select=runc',
    );
    expect(parseState(query)).toEqual(state);
  });

  it('ignores malformed values instead of failing', () => {
    const state = parseState('?mode=nope&focus=../../etc&types=DEPENDS_ON,drop%20table&depth=9&known=a,a,b');
    expect(state.mode).toBe('explore');
    expect(state.focus).toBe(DEFAULT_FOCUS);
    expect(state.types).toEqual(['DEPENDS_ON']);
    expect(state.depth).toBe(1);
    expect(state.known).toEqual(['a', 'b']);
  });

  it('says when the map must be fetched again', () => {
    const a = parseState('?focus=containerd');
    expect(mapChanged(a, parseState('?focus=containerd&hideKinds=COMMAND&mode=learn'))).toBe(false);
    expect(mapChanged(a, parseState('?focus=containerd&types=REQUIRES'))).toBe(true);
    expect(mapChanged(a, parseState('?focus=runc'))).toBe(true);
  });
});
