/**
 * Starts a child process and waits until a line of its output (stdout or stderr) matches
 * `pattern`: how the launcher knows the local Neo4j is ready and how tests and the bench know a
 * server listens. Fails with the last lines of output when the process exits first or `timeoutMs`
 * passes (and then ends it). The output keeps being collected afterwards (`output()`).
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

export interface WaitedProcess {
  child: ChildProcess;
  /** The matching line's match. */
  match: RegExpExecArray;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** The output so far (the last `keepLines` lines). */
  output(): string;
}

export interface WaitOptions extends SpawnOptions {
  pattern: RegExp;
  timeoutMs: number;
  /** Lines of output kept for errors and `output()` (default 200). */
  keepLines?: number;
  /** What to call the process in errors. */
  label?: string;
}

export class ProcessStartError extends Error {
  override name = 'ProcessStartError';
}

export function spawnAndWaitForLine(
  command: string,
  args: readonly string[],
  options: WaitOptions,
): Promise<WaitedProcess> {
  const { pattern, timeoutMs, keepLines = 200, label = command, ...spawnOptions } = options;
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...spawnOptions });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const output = () => lines.join('\n');
  return new Promise<WaitedProcess>((resolveReady, reject) => {
    let match: RegExpExecArray | null = null;
    let buffer = '';
    // The caller gets no handle on failure, so a process that did not start is ended here.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ProcessStartError(`${label} did not start within ${timeoutMs} ms. Output:\n${output()}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        if (lines.length > keepLines) lines.shift();
        if (match) continue;
        match = pattern.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveReady({ child, match, exited, output });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ProcessStartError(`could not start ${label}: ${error.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      if (!match)
        reject(new ProcessStartError(`${label} exited during start-up (exit ${code}). Output:\n${output()}`));
    });
  });
}
