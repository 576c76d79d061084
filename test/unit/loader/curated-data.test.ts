/**
 * The curated graph in `data/` as a teacher and a Docker engineer would check it, read straight
 * from the files (no Neo4j): the teaching linter clean in strict mode, complete entries, "is a
 * kind of" modelled as IS_A, a curated study time on every concept, prerequisite plans that hold
 * what a goal needs and nothing of the book's backstory, the expert review's findings fixed
 * (issue 14), and every concept, spec, project and `docker …` command the reading notes name.
 * test/loader/data-quality.test.ts checks the same graph once it is in Neo4j.
 */
import { describe, expect, it } from 'vitest';
import { adjacency, findCycles, redundantEdges } from '../../../src/digraph.ts';
import { ACYCLIC_TYPES, PREREQUISITE_TYPES } from '../../../src/domain.ts';
import { readAndValidate } from '../../../src/loader/read-and-validate.ts';
import { formatProblem } from '../../../src/loader/validate.ts';
import { runLoadCli } from '../../helpers/load-cli.ts';

/** Tests that start the CLI (a Node process with tsx) get more than the unit tier's 5 s. */
const CLI_TIMEOUT = 60_000;

const strict = readAndValidate('data', { strict: true });
const { concepts, relations, chapters } = strict.data;

const concept = (slug: string) => {
  const found = concepts.find((c) => c.slug === slug);
  if (!found) throw new Error(`no concept ${slug} in data/`);
  return found;
};
const has = (from: string, type: string, to: string) =>
  relations.some((r) => r.from === from && r.type === type && r.to === to);
const edgesOf = (type: string) => relations.filter((r) => r.type === type);

const prerequisiteEdges = relations.filter((r) => (PREREQUISITE_TYPES as string[]).includes(r.type));
/** Everything a learner must study for `goal` (REQUIRES and IS_A, transitively), the goal included. */
function plan(goal: string): Set<string> {
  const seen = new Set<string>();
  const stack = [goal];
  while (stack.length > 0) {
    const slug = stack.pop() as string;
    if (seen.has(slug)) continue;
    seen.add(slug);
    for (const r of prerequisiteEdges) if (r.from === slug) stack.push(r.to);
  }
  return seen;
}

describe('the curated data in data/', () => {
  describe('validation', () => {
    it('is clean in strict mode: no error, and nothing for the teaching linter to flag', () => {
      expect(strict.errors.map(formatProblem)).toEqual([]);
    });

    it(
      'passes `npm run load -- --check --strict`, the command CI runs',
      async () => {
        const run = await runLoadCli(['--check', '--strict']);
        expect(run.stderr).not.toMatch(/^(error|warning):/m);
        expect(run.stderr).toMatch(/^data is valid: 16 chapters, \d+ concepts, \d+ relationships$/m);
        expect(run.code).toBe(0);
      },
      CLI_TIMEOUT,
    );

    it('has the 16 chapters of the book', () => {
      expect(chapters.map((c) => c.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    });

    it('is large enough to cover the notes: well over 200 concepts and 600 relationships', () => {
      expect(concepts.length).toBeGreaterThan(200);
      expect(relations.length).toBeGreaterThan(600);
    });
  });

  describe('every concept', () => {
    it('cites a chapter, has a tag and a summary of one to three sentences', () => {
      const incomplete = concepts.filter(
        (c) =>
          c.chapters.length === 0 ||
          c.tags.length === 0 ||
          c.summary.trim() === '' ||
          (c.summary.match(/[.!?](\s|$)/g) ?? []).length > 3,
      );
      expect(incomplete.map((c) => c.slug)).toEqual([]);
    });

    it('has a curated study time: whole minutes from 5 to 60', () => {
      const off = concepts.filter(
        (c) =>
          !Number.isInteger(c.estimatedMinutes) ||
          (c.estimatedMinutes as number) < 5 ||
          (c.estimatedMinutes as number) > 60,
      );
      expect(off.map((c) => `${c.slug}: ${c.estimatedMinutes}`)).toEqual([]);
    });

    it('takes longer to study when it is a broad idea than when it is a single command', () => {
      const minutes = (slug: string) => concept(slug).estimatedMinutes as number;
      const commands = concepts.filter((c) => c.kind === 'COMMAND').map((c) => c.estimatedMinutes as number);
      expect(Math.max(...commands)).toBeLessThanOrEqual(10);
      for (const broad of ['container', 'overlay-driver', 'kubernetes', 'linux-namespaces', 'vxlan'])
        expect(minutes(broad), broad).toBeGreaterThanOrEqual(20);
    });

    it('is reachable from every other one: the graph is weakly connected (one component)', () => {
      const parent = new Map(concepts.map((c) => [c.slug, c.slug]));
      const root = (slug: string): string => {
        let node = slug;
        while (parent.get(node) !== node) node = parent.get(node) as string;
        return node;
      };
      for (const { from, to } of relations) parent.set(root(from), root(to));
      expect(new Set(concepts.map((c) => root(c.slug))).size).toBe(1);
    });

    it("has aliases that lead to it alone: shared by no other concept, and no other concept's name", () => {
      const owners = new Map<string, Set<string>>();
      const add = (key: string, slug: string) =>
        owners.set(key.toLowerCase(), (owners.get(key.toLowerCase()) ?? new Set()).add(slug));
      for (const c of concepts) for (const alias of c.aliases) add(alias, c.slug);
      const names = new Map(concepts.map((c) => [c.name.toLowerCase(), c.slug]));
      for (const [key, slugs] of owners) {
        expect([...slugs], key).toHaveLength(1);
        const named = names.get(key);
        if (named) expect([...slugs], key).toEqual([named]);
      }
    });
  });

  describe('every relationship', () => {
    it('carries a note of its own: no two edges share one', () => {
      const byNote = new Map<string, string[]>();
      for (const r of relations)
        byNote.set(r.note ?? '', [...(byNote.get(r.note ?? '') ?? []), `${r.from} ${r.type} ${r.to}`]);
      expect(relations.filter((r) => !r.note?.trim())).toEqual([]);
      expect([...byNote].filter(([, edges]) => edges.length > 1)).toEqual([]);
    });

    it('is never a REQUIRES beside a PART_OF or an IS_A on the same pair', () => {
      const structural = new Set(
        relations.filter((r) => r.type === 'PART_OF' || r.type === 'IS_A').map((r) => `${r.from}|${r.to}`),
      );
      expect(edgesOf('REQUIRES').filter((r) => structural.has(`${r.from}|${r.to}`))).toEqual([]);
    });
  });

  describe('the acyclic types', () => {
    for (const type of ACYCLIC_TYPES) {
      it(`${type} has no cycle`, () => {
        expect(findCycles(adjacency(edgesOf(type)))).toEqual([]);
      });
    }

    it('REQUIRES and IS_A together have no cycle and no REQUIRES already implied', () => {
      expect(findCycles(adjacency(prerequisiteEdges))).toEqual([]);
      const implied = redundantEdges(adjacency(prerequisiteEdges));
      expect(implied.filter(({ from, to }) => has(from, 'REQUIRES', to))).toEqual([]);
    });
  });

  describe('"is a kind of" as IS_A', () => {
    it('holds the kinds a teacher names, each with its general idea', () => {
      for (const [from, to] of [
        ['bridge-driver', 'network-driver'],
        ['overlay-driver', 'network-driver'],
        ['macvlan-driver', 'network-driver'],
        ['mount-namespace', 'linux-namespaces'],
        ['user-namespace', 'linux-namespaces'],
        ['overlay2', 'storage-driver'],
        ['buildx-docker-container-driver', 'build-driver'],
        ['local-volume-driver', 'volume-driver'],
        ['runc', 'low-level-runtime'],
        ['containerd', 'high-level-runtime'],
        ['low-level-runtime', 'container-runtime'],
        ['swarm-manager', 'swarm-node'],
        ['swarm-mode', 'container-orchestration'],
        ['kubernetes', 'container-orchestration'],
        ['wasm-shim', 'containerd-shim'],
        ['apparmor', 'mandatory-access-control'],
        ['mutual-tls', 'tls'],
        ['docker-hub', 'registry'],
        ['vmware', 'hypervisor'],
      ] as const)
        expect(has(from, 'IS_A', to), `${from} IS_A ${to}`).toBe(true);
      expect(edgesOf('IS_A').length).toBeGreaterThanOrEqual(32);
    });

    it('makes every driver a kind of its driver family and every namespace a kind of namespace', () => {
      const family: Record<string, string> = {
        NETWORK_DRIVER: 'network-driver',
        BUILD_DRIVER: 'build-driver',
        VOLUME_DRIVER: 'volume-driver',
        STORAGE_DRIVER: 'storage-driver',
      };
      for (const c of concepts.filter((x) => x.kind in family))
        expect(has(c.slug, 'IS_A', family[c.kind] as string), c.slug).toBe(true);
      for (const c of concepts.filter((x) => /-namespace$/.test(x.slug)))
        expect(has(c.slug, 'IS_A', 'linux-namespaces'), c.slug).toBe(true);
    });
  });

  describe('commands', () => {
    const partOf = (slug: string) =>
      edgesOf('PART_OF')
        .filter((r) => r.from === slug)
        .map((r) => r.to);
    const underCli = (slug: string, seen = new Set<string>()): boolean => {
      if (slug === 'docker-cli') return true;
      if (seen.has(slug)) return false;
      seen.add(slug);
      return partOf(slug).some((parent) => underCli(parent, seen));
    };

    it('are all PART_OF docker-cli, directly or through their command group', () => {
      const commands = concepts.filter((c) => c.kind === 'COMMAND');
      expect(commands.filter((c) => !underCli(c.slug)).map((c) => c.slug)).toEqual([]);
    });

    it('carry no boilerplate REQUIRES docker-cli', () => {
      const commands = new Set(concepts.filter((c) => c.kind === 'COMMAND').map((c) => c.slug));
      expect(edgesOf('REQUIRES').filter((r) => commands.has(r.from) && r.to === 'docker-cli')).toEqual([]);
    });

    it('split tool and command the same way for Compose, Scout, Debug, Buildx and Model Runner', () => {
      for (const [tool, command, name] of [
        ['docker-compose', 'docker-compose-command', 'docker compose'],
        ['docker-scout', 'docker-scout-command', 'docker scout'],
        ['docker-debug', 'docker-debug-command', 'docker debug'],
        ['buildx', 'docker-buildx', 'docker buildx'],
        ['docker-model-runner', 'docker-model-command', 'docker model'],
      ] as const) {
        expect(concept(command)).toMatchObject({ kind: 'COMMAND', name });
        expect(has(command, 'REQUIRES', tool), `${command} REQUIRES ${tool}`).toBe(true);
        expect(has(command, 'PART_OF', 'docker-cli'), `${command} PART_OF docker-cli`).toBe(true);
        expect(concept(tool).aliases.map((a) => a.toLowerCase())).not.toContain(name);
      }
    });
  });

  describe('the expert review of issue 14', () => {
    it('no longer carries the wrong aliases', () => {
      for (const [slug, alias] of [
        ['daemonless-containers', 'live restore'],
        ['desired-state', 'observed state'],
        ['restart-policy', 'self-healing'],
        ['mandatory-access-control', 'Linux security modules'],
        ['mandatory-access-control', 'LSM'],
        ['cnm-network', 'user-defined network'],
        ['image-tag', 'image reference'],
        ['overlay2', 'OverlayFS'],
        ['overlay2', 'overlay filesystem'],
        ['service-discovery', 'name resolution'],
        ['docker-cli', 'docker'],
      ] as const)
        expect(concept(slug).aliases, `${slug}: ${alias}`).not.toContain(alias);
    });

    it('states that containers survive a daemon restart only with live restore', () => {
      expect(concept('daemonless-containers').summary).toMatch(/live-restore/);
    });

    it('does not claim that cgroups cap network bandwidth', () => {
      expect(concept('control-groups').summary).toMatch(/do not cap network bandwidth/);
    });

    it('has the corrected edges, and not the wrong ones', () => {
      for (const [from, type, to, present] of [
        ['docker-compose-restart', 'REQUIRES', 'docker-compose-up', true],
        ['docker-compose-restart', 'REQUIRES', 'docker-compose-stop', false],
        ['kubernetes', 'ALTERNATIVE_TO', 'swarm-mode', true],
        ['kubernetes', 'ALTERNATIVE_TO', 'docker-swarm', false],
        ['dns', 'USES', 'udp', true],
        ['dns', 'DEPENDS_ON', 'udp', false],
        ['docker-scout', 'USES', 'vulnerability-scanning', false],
        ['wasm-shim', 'RELATED_TO', 'containerd-shim', false],
        ['multi-stage-build', 'USES', 'dockerfile', true],
        ['multi-stage-build', 'PART_OF', 'dockerfile', false],
        ['container-security', 'REQUIRES', 'seccomp', true],
        ['seccomp', 'REQUIRES', 'container-security', false],
        ['service-discovery', 'REQUIRES', 'cnm-network', true],
        ['service-discovery', 'REQUIRES', 'service', false],
        ['bridge-driver', 'USES', 'port-mapping', true],
        ['port-mapping', 'REQUIRES', 'bridge-driver', false],
        ['docker-model-runner', 'PART_OF', 'docker-desktop', false],
      ] as const)
        expect(has(from, type, to), `${from} ${type} ${to}`).toBe(present);
      expect(concept('mutual-tls').background).toBe(false);
      expect(concept('vmware').summary).not.toMatch(/company/i);
    });

    it('has the missing essentials', () => {
      for (const [from, type, to] of [
        ['overlay-driver', 'REQUIRES', 'vtep'],
        ['overlay-driver', 'REQUIRES', 'docker-swarm'],
        ['docker-secrets', 'REQUIRES', 'mutual-tls'],
        ['docker-secrets', 'REQUIRES', 'cluster-store'],
        ['multi-arch-build', 'REQUIRES', 'builder'],
        ['multi-arch-build', 'REQUIRES', 'buildx-docker-container-driver'],
        ['containerd-shim', 'REQUIRES', 'docker-engine'],
        ['docker-run', 'USES', 'volume'],
        ['docker-run', 'USES', 'port-mapping'],
        ['docker-run', 'USES', 'restart-policy'],
        ['docker-run', 'USES', 'cnm-network'],
        ['container', 'USES', 'volume'],
        ['docker-secret-create', 'OPERATES_ON', 'swarm-secret'],
      ] as const)
        expect(has(from, type, to), `${from} ${type} ${to}`).toBe(true);
    });

    it('tells the swarm cluster, the Engine feature and the code behind it apart by name', () => {
      expect(concept('docker-swarm').name).toMatch(/cluster/);
      expect(concept('swarm-mode').name).toMatch(/orchestrator/);
      expect(concept('swarmkit').name).toMatch(/code behind swarm mode/);
    });

    it('adds the topics of the notes that were missing', () => {
      for (const slug of [
        'rolling-update',
        'docker-service-update',
        'windows-containers',
        'wsl2',
        'native-linux-engine',
        'crun',
        'gvisor',
        'kata-containers',
        'runtime-option',
        'monolithic-docker-daemon',
        'qemu-emulation',
        'native-build-nodes',
        'containerd-image-store',
        'swarm-secret',
      ])
        expect(
          concepts.some((c) => c.slug === slug),
          slug,
        ).toBe(true);
      expect(has('docker-engine', 'EVOLVED_FROM', 'monolithic-docker-daemon')).toBe(true);
      for (const runtime of ['crun', 'gvisor', 'kata-containers'])
        expect(has(runtime, 'IS_A', 'low-level-runtime'), runtime).toBe(true);
      expect(has('native-build-nodes', 'ALTERNATIVE_TO', 'qemu-emulation')).toBe(true);
      expect(has('docker-service-update', 'REQUIRES', 'rolling-update')).toBe(true);
    });

    it('keeps the book’s backstory out of plans that do not need it', () => {
      for (const goal of ['overlay-driver', 'docker-swarm', 'docker-stack-deploy', 'routing-mesh'])
        expect(
          [...plan(goal)].filter((s) => s === 'microservices' || s === 'raft'),
          goal,
        ).toEqual([]);
      for (const needed of ['docker-swarm', 'swarm-manager', 'mutual-tls', 'cluster-store'])
        expect(plan('docker-secrets').has(needed), needed).toBe(true);
    });
  });

  describe('coverage of the reading notes', () => {
    // Every `docker …` command that notes/docker-deep-dive-reading-notes.txt names (chapters 4-12).
    const NOTES_COMMANDS = [
      'docker pull',
      'docker images',
      'docker inspect',
      'docker manifest inspect',
      'docker buildx imagetools',
      'docker scout',
      'docker rmi',
      'docker run',
      'docker ps',
      'docker exec',
      'docker stop',
      'docker restart',
      'docker rm',
      'docker debug',
      'docker init',
      'docker build',
      'docker tag',
      'docker push',
      'docker history',
      'docker compose',
      'docker swarm init',
      'docker stack deploy',
      'docker stack ls',
      'docker stack ps',
      'docker stack services',
      'docker stack rm',
    ];

    it.each(NOTES_COMMANDS)('`%s` is a COMMAND concept of that name', (command) => {
      expect(concepts.find((c) => c.kind === 'COMMAND' && c.name === command)?.name).toBe(command);
    });

    it.each([
      'runc',
      'containerd',
      'containerd-shim',
      'libcontainer',
      'oci',
      'oci-image-spec',
      'oci-runtime-spec',
      'oci-distribution-spec',
      'cncf',
      'moby',
      'docker-desktop',
      'multipass',
      'docker-scout',
      'docker-debug',
      'docker-build-cloud',
      'docker-model-runner',
      'buildkit',
      'buildx',
      'webassembly',
      'kubernetes',
      'container-network-model',
      'libnetwork',
      'macvlan-driver',
      'vxlan',
      'vtep',
      'capabilities',
      'seccomp',
      'apparmor',
      'selinux',
      'docker-content-trust',
      'docker-secrets',
    ])('names %s', (slug) => {
      expect(concepts.some((c) => c.slug === slug)).toBe(true);
    });
  });
});
