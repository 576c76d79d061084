/**
 * `npm run load` — validate `data/` and sync it into Neo4j (the local one unless NEO4J_URI says
 * otherwise). `--check` validates only; `--strict` makes warnings (the teaching linter) errors.
 * `--synthetic N` replaces the graph with a generated one of N concepts for scale tests. Exit codes:
 * 0 loaded, 1 invalid data, 2 load failed. The validation report is plain text on stderr (it is
 * what a curator runs the command for); what the load does (Neo4j, progress, the result) is logged
 * through the process logger, on stderr too: JSON lines, readable on a terminal. Everything
 * printed goes through `printable`: text from the data never reaches the terminal with its
 * control characters.
 */
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { readAndValidate } from '../loader/read-and-validate.ts';
import { DEFAULT_BATCH_SIZE, syncGraph } from '../loader/sync.ts';
import { loadSyntheticGraph } from '../loader/synthetic.ts';
import { formatProblem, printable } from '../loader/validate.ts';
import { createLogger, type Logger } from '../logger.ts';
import { LOADER_QUERY_TIMEOUT_MS, openGraph } from '../neo4j/connect.ts';

const positiveInt = (name: string, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new InvalidArgumentError(`${name} must be an integer from 1 to ${max}`);
  return n;
};

const program = new Command('load')
  .description('Validate the curated graph in data/ and sync it into Neo4j')
  .option('--data <dir>', 'data directory', 'data')
  .option('--check', 'validate only; write nothing')
  .option('--strict', 'treat warnings, the teaching linter included, as errors')
  .option(
    '--batch-size <n>',
    'rows per UNWIND batch',
    positiveInt('--batch-size', 100_000),
    DEFAULT_BATCH_SIZE,
  )
  .option(
    '--synthetic <n>',
    'replace the graph with a synthetic one of N concepts',
    positiveInt('--synthetic', 5_000_000),
  )
  .option('--seed <n>', 'seed of the synthetic generator', positiveInt('--seed', 2 ** 31), 42)
  .parse();

const options = program.opts<{
  data: string;
  check?: boolean;
  strict?: boolean;
  batchSize: number;
  synthetic?: number;
  seed: number;
}>();
/** The validation report: plain text, as a curator reads it. */
const print = (text: string) => process.stderr.write(`${text.split('\n').map(printable).join('\n')}\n`);

let logger: Logger | undefined;

async function main(): Promise<number> {
  const appConfig = loadConfig();
  const config = {
    ...appConfig,
    queryTimeoutMs: Math.max(appConfig.queryTimeoutMs, LOADER_QUERY_TIMEOUT_MS),
  };
  // What the command reports is what it is run for: `info` unless LOG_LEVEL says otherwise (the
  // server's default is quieter under NODE_ENV=test).
  logger = createLogger({
    level: process.env.LOG_LEVEL ? config.logLevel : 'info',
    pretty: config.env !== 'production' && process.stderr.isTTY,
    fd: 2,
  }).child({ component: 'loader' });
  const progressLog = logger;
  const log = (text: string) => progressLog.info(printable(text));
  if (options.synthetic) {
    const graph = await openGraph(config, logger);
    try {
      const report = await loadSyntheticGraph(graph.db, {
        concepts: options.synthetic,
        seed: options.seed,
        batchSize: options.batchSize,
        onProgress: log,
      });
      log(
        `synthetic graph loaded: ${report.concepts} concepts, ${report.relations} relationships in ${(report.ms / 1000).toFixed(1)} s`,
      );
      return 0;
    } finally {
      await graph.close();
    }
  }

  const dataDir = resolve(options.data);
  const checked = readAndValidate(dataDir, { strict: options.strict });
  for (const warning of checked.warnings) print(formatProblem(warning));
  for (const error of checked.errors) print(formatProblem(error));
  const { concepts, relations, chapters } = checked.data;
  if (checked.errors.length > 0) {
    print(`\n${checked.errors.length} error(s) in ${options.data}: nothing was written.`);
    return 1;
  }
  print(
    `${options.data} is valid: ${chapters.length} chapters, ${concepts.length} concepts, ${relations.length} relationships`,
  );
  if (options.check) return 0;

  const graph = await openGraph(config, logger);
  try {
    const report = await syncGraph(graph.db, checked.data, { batchSize: options.batchSize, onProgress: log });
    log(
      `loaded in ${(report.ms / 1000).toFixed(2)} s: ${report.concepts} concepts, ${report.relations} relationships, ` +
        `${report.chapters} chapters (nodes +${report.nodesCreated}/-${report.nodesDeleted}, ` +
        `relationships +${report.relationshipsCreated}/-${report.relationshipsDeleted}, checksum ${report.checksum})`,
    );
    return 0;
  } finally {
    await graph.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A configuration error comes before the logger: plain text for the person running the command.
    if (error instanceof ConfigError || !logger)
      print(error instanceof Error ? error.message : String(error));
    // The message only, made printable: a driver error can quote the data.
    else
      logger.error(
        printable(
          `load failed, the graph is unchanged: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    process.exit(error instanceof ConfigError ? 1 : 2);
  },
);
