/** The operation GraphiQL opens with: a tour of the main questions the API answers. */
export const EXAMPLE_OPERATION = /* GraphQL */ `# Welcome to the Docker concept graph.
# Press the run button (or Ctrl-Enter) to see what containerd is and what it depends on.

query Containerd {
  concept(slug: "containerd") {
    name
    kind
    summary
    aliases
    chapters { number title }
  }
}
`;
