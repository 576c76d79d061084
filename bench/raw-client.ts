/**
 * The raw-driver side of the comparison, in its own process so that the CPU time it spends is
 * measured apart from the bench's: each shape's hand-written Cypher (`shapes.ts`), run as an
 * auto-commit query in a READ session (one round trip, as our API reads), its records turned
 * into the shape's answer. `NEO4J_URI` names the database. Commands arrive as JSON lines on stdin,
 * answers leave as JSON lines on stdout; it exits when stdin closes (the bench ended or died).
 *
 *   {"id":1,"op":"answer","shape":"page","raw":{…}}                          → {"id":1,"answer":…}
 *   {"id":2,"op":"run","shape":"page","raw":{…},"concurrency":8,"seconds":2} → {"id":2,"window":{…}}
 */
import { createInterface } from 'node:readline';
import neo4j from 'neo4j-driver';
import { concurrent } from './lib/loops.ts';
import { RAW_ANSWERS, type RawQuery, type ShapeId } from './shapes.ts';

type Command =
  | { id: number; op: 'answer'; shape: ShapeId; raw: RawQuery }
  | { id: number; op: 'run'; shape: ShapeId; raw: RawQuery; concurrency: number; seconds: number };

const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('NEO4J_URI is required');
const driver = neo4j.driver(uri, undefined, { maxConnectionPoolSize: 50 });

async function answer(shape: ShapeId, raw: RawQuery): Promise<unknown> {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  try {
    const { records } = await session.run(raw.cypher, raw.params);
    return RAW_ANSWERS[shape](records.map((r) => r.toObject()));
  } finally {
    await session.close();
  }
}

async function handle(command: Command): Promise<Record<string, unknown>> {
  if (command.op === 'answer') return { answer: await answer(command.shape, command.raw) };
  const window = await concurrent(
    () => answer(command.shape, command.raw),
    command.concurrency,
    command.seconds,
  );
  return { window };
}

const reply = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = JSON.parse(line) as Command;
  handle(command).then(
    (result) => reply({ id: command.id, ...result }),
    (error: unknown) =>
      reply({ id: command.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
lines.on('close', () => {
  void driver.close().finally(() => process.exit(0));
});
reply({ ready: true });
