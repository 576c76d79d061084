import { describe, expect, it } from 'vitest';
import { bestHitIndex, isExactMatch, matchedAlias, normalise } from '../../../src/web/app/search-match.ts';

const scout = { slug: 'docker-scout-command', name: 'docker scout', aliases: ['docker scout CLI plugin'] };
const cli = { slug: 'docker-cli', name: 'Docker CLI', aliases: ['docker client', 'docker'] };
const engine = { slug: 'docker-engine', name: 'Docker Engine', aliases: ['dockerd'] };

describe('choosing the search hit a learner means', () => {
  it('ignores case, spaces and punctuation', () => {
    expect(normalise('Docker CLI')).toBe(normalise('docker-cli'));
    expect(normalise(' docker  cli ')).toBe('dockercli');
  });

  it('takes the exact name over a better-scored near match', () => {
    expect(bestHitIndex([scout, cli], 'docker cli')).toBe(1);
    expect(bestHitIndex([scout, cli], 'Docker-CLI')).toBe(1);
  });

  it('takes an exact alias or slug when no name matches', () => {
    expect(bestHitIndex([scout, engine], 'dockerd')).toBe(1);
    expect(bestHitIndex([scout, engine], 'docker-engine')).toBe(1);
    expect(isExactMatch(cli, 'docker client')).toBe(true);
  });

  it('prefers a name to someone else’s alias', () => {
    const docker = { slug: 'docker', name: 'Docker', aliases: [] };
    expect(bestHitIndex([cli, docker], 'docker')).toBe(1);
  });

  it('falls back on the best hit, and on nothing when there are no hits', () => {
    expect(bestHitIndex([scout, cli], 'containr')).toBe(0);
    expect(bestHitIndex([], 'x')).toBe(-1);
  });

  it('names the alias that matched when the name does not contain the text', () => {
    expect(matchedAlias(engine, 'dockerd')).toBe('dockerd');
    expect(matchedAlias(engine, 'engine')).toBeUndefined();
  });
});
