/**
 * The GraphQL type definitions @neo4j/graphql generates the peer API from: our Concept and
 * Chapter nodes, every relationship type, each way, as relationship fields, and a full-text
 * query over our own index (`concept_text`, the fields it indexes; the peer only queries it).
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
  type Concept
    @node
    @fulltext(
      indexes: [
        { indexName: "concept_text", queryName: "searchConcepts", fields: ["name", "aliasText", "summary", "searchKeys"] }
      ]
    ) {
    slug: String!
    name: String!
    kind: String!
    summary: String
    aliases: [String!]
    tags: [String!]
    sortName: String
    aliasText: String
    "Stored as one space-separated string; @neo4j/graphql requires String fields in a @fulltext index."
    searchKeys: String
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
