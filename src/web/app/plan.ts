/**
 * Study-plan arithmetic, pure so it is unit-tested: study time in total and still ahead (steps
 * ticked as studied no longer count), how to say a duration, and which goals a step serves when
 * saying so adds anything.
 */

export interface PlanStep {
  isGoal: boolean;
  concept: { slug: string; estimatedMinutes?: number | null };
  neededFor: readonly { slug: string; name: string }[];
}

export interface StudyTime {
  /** Minutes of every step with an estimate. */
  total: number;
  /** Minutes of the steps not done yet. */
  remaining: number;
  /** Steps without an estimate (the data may not have one for every concept). */
  unknown: number;
}

export function studyTime(steps: readonly PlanStep[], done: ReadonlySet<string>): StudyTime | undefined {
  let total = 0;
  let remaining = 0;
  let unknown = 0;
  let any = false;
  for (const step of steps) {
    const minutes = step.concept.estimatedMinutes;
    if (typeof minutes !== 'number') {
      unknown++;
      continue;
    }
    any = true;
    total += minutes;
    if (!done.has(step.concept.slug)) remaining += minutes;
  }
  return any ? { total, remaining, unknown } : undefined;
}

/** "45 min", "1 h 20 min". */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "for Docker Secrets" only when the plan has several goals and this step does not serve them all. */
export function servesLabel(step: PlanStep, goalCount: number): string | undefined {
  if (step.isGoal || goalCount < 2 || step.neededFor.length >= goalCount) return undefined;
  return `for ${step.neededFor.map((g) => g.name).join(', ')}`;
}
