import { describe, expect, it } from 'vitest';
import { ProcessStartError, spawnAndWaitForLine } from './wait-for-line.ts';

const node = (script: string) => [process.execPath, ['-e', script]] as const;

describe('spawnAndWaitForLine', () => {
  it('resolves with the first matching line, from stdout or stderr, and keeps collecting output', async () => {
    const [command, args] = node(
      'console.error("booting"); setTimeout(() => console.log("listening on 4321"), 50); setTimeout(() => console.log("later"), 100)',
    );
    const started = await spawnAndWaitForLine(command, args, {
      pattern: /listening on (\d+)/,
      timeoutMs: 10_000,
    });
    expect(started.match[1]).toBe('4321');
    expect(await started.exited).toBe(0);
    expect(started.output()).toBe('booting\nlistening on 4321\nlater');
  });

  it('fails with the output when the process exits before the line', async () => {
    const [command, args] = node('console.log("no port free"); process.exit(3)');
    const failure = spawnAndWaitForLine(command, args, {
      pattern: /listening/,
      timeoutMs: 10_000,
      label: 'server',
    });
    await expect(failure).rejects.toThrow(ProcessStartError);
    await expect(failure).rejects.toThrow(/server exited during start-up \(exit 3\)[\s\S]*no port free/);
  });

  it('fails when the line does not come in time', async () => {
    const [command, args] = node('setTimeout(() => {}, 5000)');
    const waited = spawnAndWaitForLine(command, args, { pattern: /never/, timeoutMs: 100 });
    await expect(waited).rejects.toThrow(/did not start within 100 ms/);
  });
});
