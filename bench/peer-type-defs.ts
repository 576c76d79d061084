/**
 * The GraphQL type definitions @neo4j/graphql generates the peer API from: our Concept and
 * Chapter nodes and every relationship type, each way, as relationship fields.
 */
/** Our relationship types as @neo4j/graphql relationship fields, each way. */
export const RELATIONSHIP_FIELDS: [string, string, 'OUT' | 'IN'][] = [
  ['requires', 'REQUIRES', 'OUT'],
  ['requiredBy', 'REQUIRES', 'IN'],
  ['dependsOn', 'DEPENDS_ON', 'OUT'],
  ['dependents', 'DEPENDS_ON', 'IN'],
  ['partOf', 'PART_OF', 'OUT'],
  ['parts', 'PART_OF', 'IN'],
  ['implements', 'IMPLEMENTS', 'OUT'],
  ['implementedBy', 'IMPLEMENTS', 'IN'],
  ['uses', 'USES', 'OUT'],
  ['usedBy', 'USES', 'IN'],
  ['manages', 'MANAGES', 'OUT'],
  ['managedBy', 'MANAGES', 'IN'],
  ['operatesOn', 'OPERATES_ON', 'OUT'],
  ['operatedOnBy', 'OPERATES_ON', 'IN'],
  ['evolvedFrom', 'EVOLVED_FROM', 'OUT'],
  ['evolvedInto', 'EVOLVED_FROM', 'IN'],
  ['relatedTo', 'RELATED_TO', 'OUT'],
  ['relatedFrom', 'RELATED_TO', 'IN'],
];

export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Concept @node {
    slug: String!
    name: String!
    kind: String!
    summary: String
    aliases: [String!]
    tags: [String!]
    sortName: String
    chapters: [Chapter!]! @relationship(type: "COVERED_IN", direction: OUT)
${RELATIONSHIP_FIELDS.map(
  ([field, type, direction]) =>
    `    ${field}: [Concept!]! @relationship(type: "${type}", direction: ${direction})`,
).join('\n')}
  }

  type Chapter @node {
    number: Int!
    title: String!
    summary: String
    concepts: [Concept!]! @relationship(type: "COVERED_IN", direction: IN)
  }
`;
