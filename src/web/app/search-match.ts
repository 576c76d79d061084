/**
 * Which search hit a learner means when they press Enter: the concept whose name, slug or alias
 * is exactly what they typed (case, spaces and punctuation ignored) wins over a better-scored
 * near match ("docker cli" is the Docker CLI, not docker scout). Pure, unit-tested.
 */

export interface Matchable {
  slug: string;
  name: string;
  aliases?: readonly string[];
}

/** Lowercase letters and digits only: "Docker CLI", "docker-cli" and "docker cli" are equal. */
export const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function isExactMatch(hit: Matchable, text: string): boolean {
  const needle = normalise(text);
  if (!needle) return false;
  return [hit.name, hit.slug, ...(hit.aliases ?? [])].some((candidate) => normalise(candidate) === needle);
}

/** Index of the hit to take for `text`: an exact match first (by name before slug or alias), else 0. */
export function bestHitIndex(hits: readonly Matchable[], text: string): number {
  if (hits.length === 0) return -1;
  const needle = normalise(text);
  const byName = hits.findIndex((hit) => normalise(hit.name) === needle);
  if (byName >= 0) return byName;
  const exact = hits.findIndex((hit) => isExactMatch(hit, text));
  return exact >= 0 ? exact : 0;
}

/** The alias that matched, when the name itself does not contain the text. */
export function matchedAlias(hit: Matchable, text: string): string | undefined {
  const needle = text.toLowerCase();
  if (hit.name.toLowerCase().includes(needle)) return undefined;
  return (
    hit.aliases?.find((alias) => normalise(alias) === normalise(text)) ??
    hit.aliases?.find((alias) => alias.toLowerCase().includes(needle))
  );
}
