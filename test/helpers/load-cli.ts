/**
 * Runs the real loader CLI (`npm run load`) in a child process, as a curator would, and returns its
 * exit code and what it printed. With `--check` it needs no Neo4j, so pure tests use it too.
 */
import { execFile } from 'node:child_process';

export interface LoadRun {
  /** The exit code; -1 when the process had to be killed (it hung past `timeoutMs`). */
  code: number;
  stderr: string;
  ms: number;
}

export function runLoadCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeOptions?: string[] } = {},
): Promise<LoadRun> {
  const started = Date.now();
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      [...(options.nodeOptions ?? []), '--import', 'tsx', 'src/cli/load.ts', ...args],
      {
        env: { ...process.env, NODE_ENV: 'test', ...options.env },
        timeout: options.timeoutMs ?? 120_000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolveRun({ code, stderr: String(stderr), ms: Date.now() - started });
      },
    );
  });
}
