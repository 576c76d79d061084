/** `npm run neo4j:build` — builds the local Neo4j launcher with Maven (`--force` rebuilds). */
import { buildLauncher, isLauncherBuilt } from '../neo4j/local-neo4j.ts';

const force = process.argv.includes('--force');
if (!force && isLauncherBuilt()) {
  process.stderr.write('[neo4j-local] already built (use --force to rebuild)\n');
} else {
  buildLauncher({ force }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
