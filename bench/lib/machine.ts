/** What the bench ran on, recorded with its results. */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  java: string;
  loadAverageAtStart: number[];
}

export function describeMachine(): Machine {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const javaLine = `${java.stderr ?? ''}${java.stdout ?? ''}`.split('\n').find((l) => /version/.test(l));
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    java: javaLine?.trim() ?? 'unknown',
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
