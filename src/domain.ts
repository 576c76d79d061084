/**
 * The vocabulary of the graph: concept kinds, relationship types and the plain interfaces that
 * data access returns and resolvers pass on. These lists are also the whitelists from which
 * labels and relationship types are ever written into Cypher.
 */

export const CONCEPT_KINDS = {
  CONCEPT: 'An idea or abstraction, such as an image, a layer or a service.',
  COMPONENT: 'A piece of software inside the container stack, such as containerd or runc.',
  SPECIFICATION: 'A standard or design specification, such as the OCI runtime spec or the CNM.',
  ORGANIZATION: 'A company, foundation or governance body, such as the OCI or the CNCF.',
  PROJECT: 'An open-source project or collection of projects, such as Moby or Kubernetes.',
  PRODUCT: 'A product or hosted service, such as Docker Desktop or Docker Hub.',
  TOOL: 'A client tool a user runs, such as the Docker CLI, Buildx or Compose.',
  TECHNOLOGY: 'A broad technology, such as virtual machines or WebAssembly.',
  KERNEL_FEATURE: 'A Linux kernel facility containers are built from, such as namespaces or cgroups.',
  FEATURE: 'A Docker feature, such as multi-stage builds or Docker Secrets.',
  COMMAND: 'A `docker …` command of the CLI.',
  NETWORK_DRIVER: 'A libnetwork driver that implements a kind of network, such as bridge or overlay.',
  STORAGE_DRIVER: 'A driver that stacks image and container layers on disk, such as overlay2.',
  VOLUME_DRIVER: 'A driver that provides volumes, locally or from external storage.',
  BUILD_DRIVER: 'A Buildx driver that decides where and how BuildKit runs.',
  PROTOCOL: 'A network or security protocol, such as VXLAN or TLS.',
  FILE_FORMAT: 'A file a user writes, such as a Dockerfile or a Compose file.',
  PRACTICE: 'A recommended way of working, such as keeping images small.',
} as const;

export type ConceptKind = keyof typeof CONCEPT_KINDS;
export const CONCEPT_KIND_NAMES = Object.keys(CONCEPT_KINDS) as ConceptKind[];

export interface RelationTypeInfo {
  description: string;
  /** Cycles are refused by the loader and reported by the integrity check. */
  acyclic: boolean;
  /** Declared once, holds both ways. */
  symmetric: boolean;
  /** Learning prerequisite: the target is studied before the source (prerequisites, learning paths). */
  prerequisite?: true;
}

export const RELATION_TYPES = {
  REQUIRES: {
    description: 'Learning prerequisite: understand the target before the source.',
    acyclic: true,
    symmetric: false,
    prerequisite: true,
  },
  DEPENDS_ON: {
    description: 'Technical or runtime dependency: the source needs the target to work.',
    acyclic: true,
    symmetric: false,
  },
  PART_OF: { description: 'The source is a component of the target.', acyclic: true, symmetric: false },
  IMPLEMENTS: {
    description: 'The source implements the specification or model that is the target.',
    acyclic: false,
    symmetric: false,
  },
  USES: { description: 'The source makes use of the target.', acyclic: false, symmetric: false },
  MANAGES: {
    description: 'The source manages the lifecycle of the target.',
    acyclic: false,
    symmetric: false,
  },
  OPERATES_ON: { description: 'The source command acts on the target.', acyclic: false, symmetric: false },
  IS_A: {
    description:
      'The source is a kind of the target (the bridge driver is a network driver); a prerequisite: the general idea before the instance.',
    acyclic: true,
    symmetric: false,
    prerequisite: true,
  },
  EVOLVED_FROM: {
    description: 'The source is the successor of the target.',
    acyclic: true,
    symmetric: false,
  },
  ALTERNATIVE_TO: {
    description: 'The two concepts are alternatives to each other.',
    acyclic: false,
    symmetric: true,
  },
  RELATED_TO: {
    description: 'The two concepts are related (used when no other type fits).',
    acyclic: false,
    symmetric: true,
  },
} as const satisfies Record<string, RelationTypeInfo>;

export type RelationType = keyof typeof RELATION_TYPES;
export const RELATION_TYPE_NAMES = Object.keys(RELATION_TYPES) as RelationType[];
export const ACYCLIC_TYPES = RELATION_TYPE_NAMES.filter((t) => RELATION_TYPES[t].acyclic);
/** The types a learner studies along: the target before the source (REQUIRES, IS_A). */
export const PREREQUISITE_TYPES = RELATION_TYPE_NAMES.filter(
  (t) => (RELATION_TYPES[t] as RelationTypeInfo).prerequisite === true,
);

export function isRelationType(value: string): value is RelationType {
  return Object.hasOwn(RELATION_TYPES, value);
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A name as search compares it: lower case, letters and digits only ("Docker CLI", "docker-cli"
 * and "docker cli" are all `dockercli`). Exact matches of a concept's name, slug or alias on
 * this key rank first in search.
 */
export const searchKey = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The distinct search keys of a concept (name, slug, aliases), space-separated: one token each. */
export const searchKeysOf = (concept: { name: string; slug: string; aliases: readonly string[] }) =>
  [...new Set([concept.name, concept.slug, ...concept.aliases].map(searchKey).filter(Boolean))].join(' ');

export interface Concept {
  slug: string;
  name: string;
  kind: ConceptKind;
  summary: string;
  aliases: string[];
  tags: string[];
  /** Chapters that cover the concept, ascending. */
  chapters: number[];
  /** An idea the notes rely on without naming it outright (kernel, process, …). */
  background: boolean;
  /** Curated study time, in minutes, to understand it once its prerequisites are known. */
  estimatedMinutes: number | null;
}

export interface Chapter {
  number: number;
  title: string;
  summary: string;
}

/** A directed relationship as stored; `from` and `to` are slugs. */
export interface Relation {
  type: RelationType;
  from: string;
  to: string;
  note: string | null;
  chapter: number | null;
}
