import { describe, expect, it } from 'vitest';
import { formatMinutes, servesLabel, studyTime } from '../../../src/web/app/plan.ts';
import { inStudyOrder, studyLevels } from '../../../src/web/app/study-order.ts';

const step = (
  slug: string,
  minutes: number | null,
  isGoal = false,
  neededFor = [{ slug: 'goal', name: 'Goal' }],
) => ({
  isGoal,
  concept: { slug, estimatedMinutes: minutes },
  neededFor,
});

describe('study-plan arithmetic', () => {
  it('adds up study time and what is left once steps are studied', () => {
    const steps = [step('a', 10), step('b', 25), step('c', null), step('goal', 30, true)];
    expect(studyTime(steps, new Set())).toEqual({ total: 65, remaining: 65, unknown: 1 });
    expect(studyTime(steps, new Set(['a', 'goal']))).toEqual({ total: 65, remaining: 25, unknown: 1 });
    expect(studyTime([step('x', null)], new Set())).toBeUndefined();
  });

  it('says durations the way people read them', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(135)).toBe('2 h 15 min');
  });

  it('names the goals a step serves only when that tells the learner something', () => {
    const one = [{ slug: 'secrets', name: 'Docker Secrets' }];
    const both = [...one, { slug: 'overlay', name: 'Overlay driver' }];
    expect(servesLabel(step('raft', 10, false, one), 1)).toBeUndefined();
    expect(servesLabel(step('raft', 10, false, both), 2)).toBeUndefined();
    expect(servesLabel(step('raft', 10, false, one), 2)).toBe('for Docker Secrets');
    expect(servesLabel(step('secrets', 10, true, one), 2)).toBeUndefined();
  });
});

describe('study order', () => {
  const concepts = [
    { slug: 'overlay', name: 'Overlay driver', requires: [{ slug: 'vxlan' }], isA: [{ slug: 'driver' }] },
    { slug: 'vxlan', name: 'VXLAN', requires: [{ slug: 'networking' }] },
    { slug: 'driver', name: 'Network driver', requires: [] },
    { slug: 'networking', name: 'Networking', requires: [{ slug: 'outside' }] },
  ];

  it('puts every concept after what it requires and the general idea it is a kind of', () => {
    const levels = studyLevels(concepts);
    expect(levels.get('networking')).toBe(0);
    expect(levels.get('vxlan')).toBe(1);
    expect(levels.get('overlay')).toBe(2);
    expect(inStudyOrder(concepts, levels).map((c) => c.slug)).toEqual([
      'driver',
      'networking',
      'vxlan',
      'overlay',
    ]);
  });

  it('survives a cycle instead of looping', () => {
    const levels = studyLevels([
      { slug: 'a', name: 'A', requires: [{ slug: 'b' }] },
      { slug: 'b', name: 'B', requires: [{ slug: 'a' }] },
    ]);
    expect(levels.size).toBe(2);
  });
});
