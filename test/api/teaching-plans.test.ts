/**
 * The study plans a teacher would sign, on the real data: for advanced goals, `learningPath` holds
 * what the goal needs (the general idea before the instance, prerequisites before what needs
 * them) and none of the book's backstory the goal does not need (no microservices before overlay
 * networking, no Raft before a stack command); and the plan's study time is the sum of its
 * curated `estimatedMinutes`, with a running total per step.
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PREREQUISITE_TYPES } from '../../src/domain.ts';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { gql, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const yoga = testYoga(db);
afterAll(() => db.close());

const PLAN = /* GraphQL */ `
  query ($goals: [String!]!, $known: [String!]) {
    learningPath(goals: $goals, known: $known) {
      totalSteps
      truncated
      estimatedMinutes
      steps { position isGoal cumulativeMinutes concept { slug estimatedMinutes } }
      skipped { reason concept { slug } }
    }
  }
`;

interface Plan {
  totalSteps: number;
  truncated: boolean;
  estimatedMinutes: number;
  steps: {
    position: number;
    isGoal: boolean;
    cumulativeMinutes: number;
    concept: { slug: string; estimatedMinutes: number };
  }[];
  skipped: { reason: string; concept: { slug: string } }[];
}

async function plan(goals: string[], known: string[] = []): Promise<Plan> {
  const response = await gql<{ learningPath: Plan }>(yoga, PLAN, { goals, known });
  expect(response.errors).toBeUndefined();
  return response.data?.learningPath as Plan;
}

const order = (p: Plan) => p.steps.map((s) => s.concept.slug);

/** What a teacher expects of the plan for one goal, studied from scratch. */
interface Expectation {
  goal: string;
  why: string;
  contains: string[];
  /** Pairs [earlier, later]: the first must come before the second. */
  before: [string, string][];
  excludes: string[];
}

const EXPECTATIONS: Expectation[] = [
  {
    goal: 'overlay-driver',
    why: 'overlay networking: VXLAN tunnels between VTEPs over an underlay, on a multi-host swarm',
    contains: [
      'network-driver',
      'bridge-driver',
      'vxlan',
      'vtep',
      'underlay-network',
      'docker-swarm',
      'swarm-node',
      'container-network-model',
    ],
    before: [
      ['network-driver', 'overlay-driver'],
      ['bridge-driver', 'overlay-driver'],
      ['udp', 'vxlan'],
      ['vxlan', 'vtep'],
      ['vtep', 'overlay-driver'],
      ['swarm-node', 'docker-swarm'],
      ['docker-swarm', 'overlay-driver'],
    ],
    excludes: [
      'microservices',
      'multi-container-app',
      'raft',
      'cluster-store',
      'kubernetes',
      'docker-secrets',
    ],
  },
  {
    goal: 'docker-secrets',
    why: 'Docker Secrets: the swarm and its managers, the encrypted cluster store, mutual TLS in transit',
    contains: [
      'docker-swarm',
      'swarm-mode',
      'swarm-manager',
      'cluster-store',
      'tls',
      'mutual-tls',
      'service',
    ],
    before: [
      ['tls', 'mutual-tls'],
      ['mutual-tls', 'docker-secrets'],
      ['swarm-mode', 'swarm-manager'],
      ['swarm-manager', 'docker-swarm'],
      ['docker-swarm', 'cluster-store'],
      ['cluster-store', 'docker-secrets'],
    ],
    excludes: ['microservices', 'overlay-driver', 'vxlan', 'docker-content-trust', 'kubernetes'],
  },
  {
    goal: 'multi-arch-build',
    why: 'multi-platform builds: Buildx, a builder whose driver supports them, emulation, manifest lists',
    contains: [
      'buildkit',
      'buildx',
      'build-driver',
      'builder',
      'buildx-docker-container-driver',
      'qemu-emulation',
      'multi-arch-image',
      'manifest-list',
      'cpu-architecture',
    ],
    before: [
      ['buildkit', 'buildx'],
      ['buildx', 'build-driver'],
      ['build-driver', 'builder'],
      ['build-driver', 'buildx-docker-container-driver'],
      ['builder', 'multi-arch-build'],
      ['cpu-architecture', 'qemu-emulation'],
      ['manifest-list', 'multi-arch-image'],
      ['multi-arch-image', 'multi-arch-build'],
    ],
    excludes: [
      'docker-swarm',
      'kubernetes',
      'buildx-kubernetes-driver',
      'docker-build-cloud',
      'native-build-nodes',
    ],
  },
  {
    goal: 'containerd-shim',
    why: 'the shim: containerd above, runc below, and the Engine whose restarts it lets containers survive',
    contains: [
      'container-runtime',
      'high-level-runtime',
      'low-level-runtime',
      'containerd',
      'runc',
      'docker-engine',
    ],
    before: [
      ['container-runtime', 'low-level-runtime'],
      ['low-level-runtime', 'runc'],
      ['high-level-runtime', 'containerd'],
      ['containerd', 'containerd-shim'],
      ['runc', 'containerd-shim'],
      ['docker-engine', 'containerd-shim'],
    ],
    excludes: ['docker-swarm', 'wasm-shim', 'kubernetes', 'overlay-driver'],
  },
  {
    goal: 'rolling-update',
    why: 'rolling updates: a service’s replicas on a swarm, replaced a batch at a time',
    contains: [
      'service',
      'replica',
      'docker-swarm',
      'swarm-manager',
      'desired-state',
      'container-orchestration',
    ],
    before: [
      ['service', 'replica'],
      ['replica', 'rolling-update'],
      ['desired-state', 'container-orchestration'],
      ['docker-swarm', 'rolling-update'],
    ],
    excludes: ['microservices', 'raft', 'cluster-store', 'overlay-driver'],
  },
  {
    goal: 'docker-stack-deploy',
    why: 'deploying a stack: a Compose file of services onto a swarm',
    contains: ['stack', 'compose-file', 'service', 'docker-swarm'],
    before: [
      ['service', 'compose-file'],
      ['compose-file', 'stack'],
      ['docker-swarm', 'stack'],
      ['stack', 'docker-stack-deploy'],
    ],
    excludes: ['raft', 'cluster-store', 'microservices', 'docker-compose', 'docker-cli'],
  },
  {
    goal: 'routing-mesh',
    why: 'the ingress routing mesh: an overlay network that publishes a port on every node',
    contains: ['overlay-driver', 'replica', 'port-mapping', 'vxlan'],
    before: [
      ['overlay-driver', 'routing-mesh'],
      ['port-mapping', 'routing-mesh'],
      ['network-port', 'port-mapping'],
    ],
    excludes: ['microservices', 'raft', 'cluster-store'],
  },
  {
    goal: 'seccomp',
    why: 'seccomp: system calls, and the containers whose calls it filters',
    contains: ['syscall', 'process', 'linux-kernel', 'container'],
    before: [
      ['linux-kernel', 'process'],
      ['process', 'syscall'],
      ['syscall', 'seccomp'],
    ],
    excludes: ['docker-swarm', 'capabilities', 'apparmor', 'container-security'],
  },
  {
    goal: 'wasm-container',
    why: 'Wasm apps: WebAssembly and WASI, a Wasm runtime, and the shim chosen with --runtime',
    contains: ['webassembly', 'wasi', 'wasmedge', 'containerd-shim', 'wasm-shim', 'runtime-option'],
    before: [
      ['webassembly', 'wasi'],
      ['wasi', 'wasmedge'],
      ['wasmedge', 'wasm-shim'],
      ['containerd-shim', 'wasm-shim'],
      ['containerd-shim', 'runtime-option'],
    ],
    excludes: ['docker-swarm', 'llm', 'kubernetes'],
  },
  {
    goal: 'daemonless-containers',
    why: 'daemonless containers: the shim, and the monolithic daemon whose restarts killed everything',
    contains: ['containerd-shim', 'monolithic-docker-daemon', 'docker-engine'],
    before: [
      ['docker-engine', 'monolithic-docker-daemon'],
      ['monolithic-docker-daemon', 'daemonless-containers'],
      ['containerd-shim', 'daemonless-containers'],
    ],
    excludes: ['docker-swarm', 'microservices'],
  },
  {
    goal: 'docker-compose-up',
    why: 'docker compose up: Compose and its file of services, on one host',
    contains: ['docker-compose', 'compose-file', 'service', 'multi-container-app', 'docker-cli'],
    before: [
      ['multi-container-app', 'service'],
      ['compose-file', 'docker-compose'],
      ['docker-cli', 'docker-compose'],
      ['docker-compose', 'docker-compose-up'],
    ],
    excludes: ['docker-swarm', 'swarm-mode', 'raft', 'microservices', 'container-orchestration'],
  },
  {
    goal: 'macvlan-driver',
    why: 'macvlan: VLANs and promiscuous mode on a physical layer-2 network',
    contains: ['network-driver', 'layer-2-network', 'vlan', 'promiscuous-mode'],
    before: [
      ['layer-2-network', 'vlan'],
      ['layer-2-network', 'promiscuous-mode'],
      ['network-driver', 'macvlan-driver'],
    ],
    excludes: ['docker-swarm', 'vxlan', 'overlay-driver', 'bridge-driver'],
  },
];

describe('learning plans a teacher would sign', () => {
  for (const expectation of EXPECTATIONS) {
    describe(`for ${expectation.why} (${expectation.goal})`, () => {
      it('contains what the goal needs, the goal last', async () => {
        const p = await plan([expectation.goal]);
        const slugs = order(p);
        expect(slugs.at(-1)).toBe(expectation.goal);
        expect(p.steps.at(-1)?.isGoal).toBe(true);
        expect(slugs).toEqual(expect.arrayContaining(expectation.contains));
      });

      it('puts the general and the prerequisite before what needs it', async () => {
        const slugs = order(await plan([expectation.goal]));
        for (const [earlier, later] of expectation.before) {
          expect(slugs, `${earlier} in the plan`).toContain(earlier);
          expect(slugs.indexOf(earlier), `${earlier} before ${later}`).toBeLessThan(slugs.indexOf(later));
        }
      });

      it('leaves out what the goal does not need', async () => {
        const slugs = order(await plan([expectation.goal]));
        expect(slugs.filter((slug) => expectation.excludes.includes(slug))).toEqual([]);
      });
    });
  }

  it('takes the general idea before each of its kinds (IS_A) in every plan', async () => {
    const { relations } = readAndValidate(resolve('data')).data;
    const isA = relations.filter((r) => r.type === 'IS_A');
    for (const expectation of EXPECTATIONS) {
      const slugs = order(await plan([expectation.goal]));
      for (const { from, to } of isA.filter((r) => slugs.includes(r.from)))
        expect(slugs.indexOf(to), `${expectation.goal}: ${to} before ${from}`).toBeLessThan(
          slugs.indexOf(from),
        );
    }
  });
});

describe('the study time of a plan', () => {
  const { concepts, relations } = readAndValidate(resolve('data')).data;
  const minutes = new Map(concepts.map((c) => [c.slug, c.estimatedMinutes as number]));
  const prerequisites = relations.filter((r) => (PREREQUISITE_TYPES as string[]).includes(r.type));
  /** The goal's transitive prerequisites (REQUIRES and IS_A), read from the files. */
  const closure = (goal: string) => {
    const seen = new Set<string>();
    const stack = [goal];
    while (stack.length > 0) {
      const slug = stack.pop() as string;
      if (seen.has(slug)) continue;
      seen.add(slug);
      for (const r of prerequisites) if (r.from === slug) stack.push(r.to);
    }
    return seen;
  };
  const sum = (slugs: Iterable<string>) => [...slugs].reduce((total, s) => total + (minutes.get(s) ?? 0), 0);

  it('is the sum of the curated minutes of its steps, each step carrying the running total', async () => {
    const p = await plan(['overlay-driver']);
    let running = 0;
    for (const step of p.steps) {
      expect(step.concept.estimatedMinutes).toBe(minutes.get(step.concept.slug));
      running += step.concept.estimatedMinutes;
      expect(step.cumulativeMinutes).toBe(running);
    }
    expect(p.estimatedMinutes).toBe(running);
    expect(p.steps.at(-1)?.cumulativeMinutes).toBe(p.estimatedMinutes);
  });

  it('counts every prerequisite of the goal once: overlay networking from scratch is a day of study', async () => {
    const p = await plan(['overlay-driver']);
    expect(new Set(order(p))).toEqual(closure('overlay-driver'));
    expect(p.estimatedMinutes).toBe(sum(closure('overlay-driver')));
    // Some 40 concepts: more than a morning, less than two working days.
    expect(p.estimatedMinutes).toBeGreaterThan(4 * 60);
    expect(p.estimatedMinutes).toBeLessThan(16 * 60);
  });

  it('drops what the learner already knows, and what that implies, from the total', async () => {
    const known = ['docker-engine', 'container-network-model'];
    const fromScratch = await plan(['overlay-driver']);
    const p = await plan(['overlay-driver'], known);
    const implied = new Set([...closure('docker-engine'), ...closure('container-network-model')]);
    expect(p.estimatedMinutes).toBe(sum([...closure('overlay-driver')].filter((s) => !implied.has(s))));
    expect(p.estimatedMinutes).toBeLessThan(fromScratch.estimatedMinutes);
    expect(order(p).filter((s) => implied.has(s))).toEqual([]);
  });

  it('counts a prerequisite shared by two goals once', async () => {
    const both = await plan(['docker-secrets', 'rolling-update']);
    const union = new Set([...closure('docker-secrets'), ...closure('rolling-update')]);
    expect(both.totalSteps).toBe(union.size);
    expect(both.estimatedMinutes).toBe(sum(union));
    const separately =
      (await plan(['docker-secrets'])).estimatedMinutes + (await plan(['rolling-update'])).estimatedMinutes;
    expect(both.estimatedMinutes).toBeLessThan(separately);
  });

  it('is nothing for a goal the learner knows', async () => {
    const p = await plan(['vtep'], ['overlay-driver']);
    expect(p).toMatchObject({ totalSteps: 0, estimatedMinutes: 0, steps: [] });
  });
});
