/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  | T
  | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What sort of thing a concept is. */
export type ConceptKind =
  /** A Buildx driver that decides where and how BuildKit runs. */
  | 'BUILD_DRIVER'
  /** A `docker …` command of the CLI. */
  | 'COMMAND'
  /** A piece of software inside the container stack, such as containerd or runc. */
  | 'COMPONENT'
  /** An idea or abstraction, such as an image, a layer or a service. */
  | 'CONCEPT'
  /** A Docker feature, such as multi-stage builds or Docker Secrets. */
  | 'FEATURE'
  /** A file a user writes, such as a Dockerfile or a Compose file. */
  | 'FILE_FORMAT'
  /** A Linux kernel facility containers are built from, such as namespaces or cgroups. */
  | 'KERNEL_FEATURE'
  /** A libnetwork driver that implements a kind of network, such as bridge or overlay. */
  | 'NETWORK_DRIVER'
  /** A company, foundation or governance body, such as the OCI or the CNCF. */
  | 'ORGANIZATION'
  /** A recommended way of working, such as keeping images small. */
  | 'PRACTICE'
  /** A product or hosted service, such as Docker Desktop or Docker Hub. */
  | 'PRODUCT'
  /** An open-source project or collection of projects, such as Moby or Kubernetes. */
  | 'PROJECT'
  /** A network or security protocol, such as VXLAN or TLS. */
  | 'PROTOCOL'
  /** A standard or design specification, such as the OCI runtime spec or the CNM. */
  | 'SPECIFICATION'
  /** A driver that stacks image and container layers on disk, such as overlay2. */
  | 'STORAGE_DRIVER'
  /** A broad technology, such as virtual machines or WebAssembly. */
  | 'TECHNOLOGY'
  /** A client tool a user runs, such as the Docker CLI, Buildx or Compose. */
  | 'TOOL'
  /** A driver that provides volumes, locally or from external storage. */
  | 'VOLUME_DRIVER';

/** Which way relationships are followed from a concept. */
export type Direction =
  /** Either way. */
  | 'BOTH'
  /** From others to the concept (the Engine DEPENDS_ON containerd). */
  | 'INCOMING'
  /** From the concept to others (containerd DEPENDS_ON the shim). */
  | 'OUTGOING';

/** Why `path` found no path. */
export type PathMiss =
  /** No path of at most `maxLength` relationships of the given types and direction. */
  'NO_PATH_WITHIN_LIMIT';

/** The kinds of relationship between concepts. REQUIRES, DEPENDS_ON, PART_OF and EVOLVED_FROM are acyclic. */
export type RelationType =
  /** The two concepts are alternatives to each other. */
  | 'ALTERNATIVE_TO'
  /** Technical or runtime dependency: the source needs the target to work. */
  | 'DEPENDS_ON'
  /** The source is the successor of the target. */
  | 'EVOLVED_FROM'
  /** The source implements the specification or model that is the target. */
  | 'IMPLEMENTS'
  /** The source is a kind of the target (the bridge driver is a network driver); a prerequisite: the general idea before the instance. */
  | 'IS_A'
  /** The source manages the lifecycle of the target. */
  | 'MANAGES'
  /** The source command acts on the target. */
  | 'OPERATES_ON'
  /** The source is a component of the target. */
  | 'PART_OF'
  /** The two concepts are related (used when no other type fits). */
  | 'RELATED_TO'
  /** Learning prerequisite: understand the target before the source. */
  | 'REQUIRES'
  /** The source makes use of the target. */
  | 'USES';

/** Why a prerequisite of the goals is not a step. */
export type SkipReason =
  /** A concept the learner knows requires it (transitively), so they know it too. */
  | 'IMPLIED'
  /** The learner listed it in `known`. */
  | 'KNOWN';

export type ConceptRefFragment = { slug: string; name: string; kind: ConceptKind };

export type RelationRefFragment = {
  id: string;
  type: RelationType;
  fromSlug: string;
  toSlug: string;
  note: string | null;
};

export type SearchQueryVariables = Exact<{
  text: string;
  first: number;
}>;

export type SearchQuery = {
  search: Array<{
    score: number;
    concept: { aliases: Array<string>; slug: string; name: string; kind: ConceptKind };
  }>;
};

export type NeighborhoodQueryVariables = Exact<{
  slug: string;
  depth: number;
  types?: Array<RelationType> | RelationType | null | undefined;
  exclude?: Array<string | number> | string | number | null | undefined;
  limit: number;
}>;

export type NeighborhoodQuery = {
  neighborhood: {
    truncated: boolean;
    center: { slug: string; name: string; kind: ConceptKind };
    nodes: Array<{ depth: number; concept: { slug: string; name: string; kind: ConceptKind } }>;
    edges: Array<{ id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null }>;
  };
};

export type ConceptDetailsQueryVariables = Exact<{
  slug: string;
}>;

export type ConceptDetailsQuery = {
  concept: {
    summary: string;
    aliases: Array<string>;
    slug: string;
    name: string;
    kind: ConceptKind;
    chapters: Array<{ number: number; title: string }>;
    relations: {
      totalCount: number;
      edges: Array<{
        direction: Direction;
        other: { slug: string; name: string; kind: ConceptKind };
        node: { id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null };
      }>;
    };
  } | null;
};

export type StudyPlanQueryVariables = Exact<{
  goals: Array<string> | string;
  known: Array<string> | string;
  learnt: Array<string> | string;
  hasGoals: boolean;
  next: number;
}>;

export type StudyPlanQuery = {
  learningPath?: {
    totalSteps: number;
    truncated: boolean;
    estimatedMinutes: number;
    goals: Array<{ slug: string; name: string; kind: ConceptKind }>;
    steps: Array<{
      position: number;
      isGoal: boolean;
      cumulativeMinutes: number;
      concept: {
        summary: string;
        estimatedMinutes: number | null;
        slug: string;
        name: string;
        kind: ConceptKind;
      };
      neededFor: Array<{ slug: string; name: string; kind: ConceptKind }>;
      via: Array<{ id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null }>;
    }>;
    skipped: Array<{ reason: SkipReason; concept: { slug: string; name: string; kind: ConceptKind } }>;
  };
  towardGoals?: Array<{ unlocks: number; concept: { slug: string; name: string; kind: ConceptKind } }>;
  nextToLearn?: Array<{ unlocks: number; concept: { slug: string; name: string; kind: ConceptKind } }>;
};

export type RouteQueryVariables = Exact<{
  from: string;
  to: string;
  types?: Array<RelationType> | RelationType | null | undefined;
  direction: Direction;
  maxLength: number;
}>;

export type RouteQuery = {
  path: {
    reason: PathMiss | null;
    maxLength: number;
    from: { slug: string; name: string; kind: ConceptKind };
    to: { slug: string; name: string; kind: ConceptKind };
    path: {
      length: number;
      nodes: Array<{ slug: string; name: string; kind: ConceptKind }>;
      edges: Array<{ id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null }>;
    } | null;
  };
  concept: {
    relations: {
      edges: Array<{
        other: { slug: string; name: string; kind: ConceptKind };
        node: { id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null };
      }>;
    };
  } | null;
};

export type DetoursQueryVariables = Exact<{
  to: string;
  types?: Array<RelationType> | RelationType | null | undefined;
  direction: Direction;
  maxLength: number;
  via1: string;
  via2: string;
  via3: string;
  via4: string;
}>;

export type DetoursQuery = {
  via1: {
    path: {
      length: number;
      nodes: Array<{ slug: string; name: string; kind: ConceptKind }>;
      edges: Array<{ id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null }>;
    } | null;
  };
  via2: {
    path: {
      length: number;
      nodes: Array<{ slug: string; name: string; kind: ConceptKind }>;
      edges: Array<{ id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null }>;
    } | null;
  };
  via3: {
    path: {
      length: number;
      nodes: Array<{ slug: string; name: string; kind: ConceptKind }>;
      edges: Array<{ id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null }>;
    } | null;
  };
  via4: {
    path: {
      length: number;
      nodes: Array<{ slug: string; name: string; kind: ConceptKind }>;
      edges: Array<{ id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null }>;
    } | null;
  };
};

export type DetourFragment = {
  path: {
    length: number;
    nodes: Array<{ slug: string; name: string; kind: ConceptKind }>;
    edges: Array<{ id: string; type: RelationType; fromSlug: string; toSlug: string; note: string | null }>;
  } | null;
};

export type RoadmapQueryVariables = Exact<{ [key: string]: never }>;

export type RoadmapQuery = {
  chapters: Array<{
    number: number;
    title: string;
    summary: string;
    concepts: Array<{
      estimatedMinutes: number | null;
      slug: string;
      name: string;
      kind: ConceptKind;
      requires: Array<{ slug: string }>;
      isA: Array<{ slug: string }>;
    }>;
  }>;
};

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConceptRefFragmentDoc = new TypedDocumentString(
  `
    fragment ConceptRef on Concept {
  slug
  name
  kind
}
    `,
  { fragmentName: 'ConceptRef' },
) as unknown as TypedDocumentString<ConceptRefFragment, unknown>;
export const RelationRefFragmentDoc = new TypedDocumentString(
  `
    fragment RelationRef on Relation {
  id
  type
  fromSlug
  toSlug
  note
}
    `,
  { fragmentName: 'RelationRef' },
) as unknown as TypedDocumentString<RelationRefFragment, unknown>;
export const DetourFragmentDoc = new TypedDocumentString(
  `
    fragment Detour on PathResult {
  path {
    length
    nodes {
      ...ConceptRef
    }
    edges {
      ...RelationRef
    }
  }
}
    fragment ConceptRef on Concept {
  slug
  name
  kind
}
fragment RelationRef on Relation {
  id
  type
  fromSlug
  toSlug
  note
}`,
  { fragmentName: 'Detour' },
) as unknown as TypedDocumentString<DetourFragment, unknown>;
export const SearchDocument = new TypedDocumentString(
  `
    query Search($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    score
    concept {
      ...ConceptRef
      aliases
    }
  }
}
    fragment ConceptRef on Concept {
  slug
  name
  kind
}`,
  { hash: 'de99346d9f63a6c4699b3421f967414dc0d726875360c4d20b7e05de95e31e1a' },
) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const NeighborhoodDocument = new TypedDocumentString(
  `
    query Neighborhood($slug: String!, $depth: Int!, $types: [RelationType!], $exclude: [ID!], $limit: Int!) {
  neighborhood(
    slug: $slug
    depth: $depth
    types: $types
    exclude: $exclude
    limit: $limit
  ) {
    center {
      ...ConceptRef
    }
    nodes {
      depth
      concept {
        ...ConceptRef
      }
    }
    edges {
      ...RelationRef
    }
    truncated
  }
}
    fragment ConceptRef on Concept {
  slug
  name
  kind
}
fragment RelationRef on Relation {
  id
  type
  fromSlug
  toSlug
  note
}`,
  { hash: 'ed0cebb9aee77cee0222725437fa49612d19dbbc7ff6220f82942ad68f0e173e' },
) as unknown as TypedDocumentString<NeighborhoodQuery, NeighborhoodQueryVariables>;
export const ConceptDetailsDocument = new TypedDocumentString(
  `
    query ConceptDetails($slug: String!) {
  concept(slug: $slug) {
    ...ConceptRef
    summary
    aliases
    chapters {
      number
      title
    }
    relations(first: 100) {
      totalCount
      edges {
        direction
        other {
          ...ConceptRef
        }
        node {
          ...RelationRef
        }
      }
    }
  }
}
    fragment ConceptRef on Concept {
  slug
  name
  kind
}
fragment RelationRef on Relation {
  id
  type
  fromSlug
  toSlug
  note
}`,
  { hash: '521d280d79857309b5f8f908673a9dd6a9565cff0012261eaf5ad85eace73d3e' },
) as unknown as TypedDocumentString<ConceptDetailsQuery, ConceptDetailsQueryVariables>;
export const StudyPlanDocument = new TypedDocumentString(
  `
    query StudyPlan($goals: [String!]!, $known: [String!]!, $learnt: [String!]!, $hasGoals: Boolean!, $next: Int!) {
  learningPath(goals: $goals, known: $known) @include(if: $hasGoals) {
    totalSteps
    truncated
    estimatedMinutes
    goals {
      ...ConceptRef
    }
    steps {
      position
      isGoal
      cumulativeMinutes
      concept {
        ...ConceptRef
        summary
        estimatedMinutes
      }
      neededFor {
        ...ConceptRef
      }
      via {
        ...RelationRef
      }
    }
    skipped {
      reason
      concept {
        ...ConceptRef
      }
    }
  }
  towardGoals: nextToLearn(known: $learnt, goals: $goals, first: $next) @include(if: $hasGoals) {
    unlocks
    concept {
      ...ConceptRef
    }
  }
  nextToLearn(known: $learnt, first: $next) @skip(if: $hasGoals) {
    unlocks
    concept {
      ...ConceptRef
    }
  }
}
    fragment ConceptRef on Concept {
  slug
  name
  kind
}
fragment RelationRef on Relation {
  id
  type
  fromSlug
  toSlug
  note
}`,
  { hash: '2e9f84f92218915ed15cff32efa4d9453e84f537af43b99b427088652d0e9bd2' },
) as unknown as TypedDocumentString<StudyPlanQuery, StudyPlanQueryVariables>;
export const RouteDocument = new TypedDocumentString(
  `
    query Route($from: String!, $to: String!, $types: [RelationType!], $direction: Direction!, $maxLength: Int!) {
  path(
    from: $from
    to: $to
    types: $types
    direction: $direction
    maxLength: $maxLength
  ) {
    reason
    maxLength
    from {
      ...ConceptRef
    }
    to {
      ...ConceptRef
    }
    path {
      length
      nodes {
        ...ConceptRef
      }
      edges {
        ...RelationRef
      }
    }
  }
  concept(slug: $from) {
    relations(direction: $direction, types: $types, first: 40) {
      edges {
        other {
          ...ConceptRef
        }
        node {
          ...RelationRef
        }
      }
    }
  }
}
    fragment ConceptRef on Concept {
  slug
  name
  kind
}
fragment RelationRef on Relation {
  id
  type
  fromSlug
  toSlug
  note
}`,
  { hash: '49a2ed31435b679e99980c3407b354a9f0ba5f5780a344101d30ebc701de74ed' },
) as unknown as TypedDocumentString<RouteQuery, RouteQueryVariables>;
export const DetoursDocument = new TypedDocumentString(
  `
    query Detours($to: String!, $types: [RelationType!], $direction: Direction!, $maxLength: Int!, $via1: String!, $via2: String!, $via3: String!, $via4: String!) {
  via1: path(
    from: $via1
    to: $to
    types: $types
    direction: $direction
    maxLength: $maxLength
  ) {
    ...Detour
  }
  via2: path(
    from: $via2
    to: $to
    types: $types
    direction: $direction
    maxLength: $maxLength
  ) {
    ...Detour
  }
  via3: path(
    from: $via3
    to: $to
    types: $types
    direction: $direction
    maxLength: $maxLength
  ) {
    ...Detour
  }
  via4: path(
    from: $via4
    to: $to
    types: $types
    direction: $direction
    maxLength: $maxLength
  ) {
    ...Detour
  }
}
    fragment ConceptRef on Concept {
  slug
  name
  kind
}
fragment RelationRef on Relation {
  id
  type
  fromSlug
  toSlug
  note
}
fragment Detour on PathResult {
  path {
    length
    nodes {
      ...ConceptRef
    }
    edges {
      ...RelationRef
    }
  }
}`,
  { hash: 'a9631d8de736c98b064539ec9b3de1e6e9f4e466788430eae372388c02172410' },
) as unknown as TypedDocumentString<DetoursQuery, DetoursQueryVariables>;
export const RoadmapDocument = new TypedDocumentString(
  `
    query Roadmap {
  chapters {
    number
    title
    summary
    concepts {
      ...ConceptRef
      estimatedMinutes
      requires {
        slug
      }
      isA {
        slug
      }
    }
  }
}
    fragment ConceptRef on Concept {
  slug
  name
  kind
}`,
  { hash: '3db3630144a3de8ffb6136e6cc5fb837d2368e1671109eefc225c3932e7b1ba9' },
) as unknown as TypedDocumentString<RoadmapQuery, RoadmapQueryVariables>;
