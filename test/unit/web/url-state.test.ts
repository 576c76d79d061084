import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FOCUS,
  defaultPresentation,
  defaultState,
  MEANINGFUL_TYPES,
  mapChanged,
  parseExpansion,
  parseState,
  serializeState,
  type ViewState,
} from '../../../src/web/app/url-state.ts';

describe('the concept-map URL state', () => {
  it('is empty for the default view', () => {
    expect(serializeState(defaultState())).toBe('');
    expect(parseState('')).toEqual(defaultState());
  });

  it('round-trips focus, filters, typed expansions, goals, progress and mode', () => {
    const state: ViewState = {
      ...defaultState(),
      mode: 'learn',
      focus: 'containerd',
      depth: 2,
      expanded: [{ slug: 'containerd-shim' }, { slug: 'runc', type: 'DEPENDS_ON', way: 'out' }],
      types: ['DEPENDS_ON', 'REQUIRES'],
      hiddenKinds: ['COMMAND'],
      goals: ['overlay-driver'],
      known: ['docker-engine', 'vxlan'],
      done: ['vtep'],
      selected: 'runc',
      presentation: 'list',
    };
    const query = serializeState(state);
    expect(query).toBe(
      '?mode=learn&focus=containerd&depth=2&expand=containerd-shim,runc:DEPENDS_ON:out&types=DEPENDS_ON,REQUIRES&hideKinds=COMMAND&goals=overlay-driver&known=docker-engine,vxlan&done=vtep&select=runc',
    );
    expect(parseState(query)).toEqual(state);
  });

  it('keeps route settings only when they differ from the meaningful default', () => {
    const route: ViewState = { ...defaultState(), mode: 'path', from: 'docker-cli', to: 'runc' };
    expect(serializeState(route)).toBe('?mode=path&from=docker-cli&to=runc');
    expect(parseState(serializeState(route)).follow).toEqual([...MEANINGFUL_TYPES]);
    const anything: ViewState = { ...route, follow: ['RELATED_TO'], direction: 'BOTH' };
    expect(serializeState(anything)).toBe('?mode=path&from=docker-cli&to=runc&follow=RELATED_TO&dir=both');
    expect(parseState(serializeState(anything))).toEqual(anything);
    expect(parseState(serializeState({ ...route, follow: [] })).follow).toEqual([]);
  });

  it('remembers a selected relationship and each mode’s own default presentation', () => {
    const state: ViewState = { ...defaultState(), edge: 'docker-cli|USES|docker-engine-api' };
    expect(serializeState(state)).toBe('?edge=docker-cli|USES|docker-engine-api');
    expect(parseState(serializeState(state))).toEqual(state);
    expect(defaultPresentation('learn')).toBe('list');
    expect(parseState('?mode=learn').presentation).toBe('list');
    expect(parseState('?mode=learn&view=map').presentation).toBe('map');
    expect(parseState('?view=list').presentation).toBe('list');
  });

  it('ignores malformed values instead of failing', () => {
    const state = parseState(
      '?mode=nope&focus=../../etc&types=DEPENDS_ON,drop%20table&depth=9&known=a,a,b&expand=x:lower:out,ok:USES:sideways&edge=a|b',
    );
    expect(state.mode).toBe('explore');
    expect(state.focus).toBe(DEFAULT_FOCUS);
    expect(state.types).toEqual(['DEPENDS_ON']);
    expect(state.depth).toBe(1);
    expect(state.known).toEqual(['a', 'b']);
    expect(state.expanded).toEqual([{ slug: 'ok', type: 'USES', way: undefined }]);
    expect(state.edge).toBe('');
    expect(parseExpansion('Bad')).toBeUndefined();
  });

  it('says when the map must be fetched again', () => {
    const a = parseState('?focus=containerd');
    expect(mapChanged(a, parseState('?focus=containerd&hideKinds=COMMAND&mode=learn'))).toBe(false);
    expect(mapChanged(a, parseState('?focus=containerd&types=REQUIRES'))).toBe(true);
    expect(mapChanged(a, parseState('?focus=containerd&expand=runc:USES:in'))).toBe(true);
    expect(mapChanged(a, parseState('?focus=runc'))).toBe(true);
  });
});
