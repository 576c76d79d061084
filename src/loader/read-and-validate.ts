import type { DataProblem, GraphData } from './data-files.ts';
import { readGraphData } from './data-files.ts';
import { validateGraph } from './validate.ts';

export interface CheckedData {
  data: GraphData;
  errors: DataProblem[];
  warnings: DataProblem[];
}

export interface CheckOptions {
  /** Warnings (the teaching linter, redundant prerequisites, uncovered chapters) count as errors. */
  strict?: boolean;
}

/** Reads `dataDir` and runs every check; the data may be written only when `errors` is empty. */
export function readAndValidate(dataDir: string, options: CheckOptions = {}): CheckedData {
  const problems: DataProblem[] = [];
  const data = readGraphData(dataDir, problems);
  validateGraph(data, problems);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (options.strict)
    return {
      data,
      errors: [...errors, ...warnings.map((w) => ({ ...w, severity: 'error' as const }))],
      warnings: [],
    };
  return { data, errors, warnings };
}
