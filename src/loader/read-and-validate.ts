import type { DataProblem, GraphData } from './data-files.ts';
import { readGraphData } from './data-files.ts';
import { validateGraph } from './validate.ts';

export interface CheckedData {
  data: GraphData;
  errors: DataProblem[];
  warnings: DataProblem[];
}

/** Reads `dataDir` and runs every check; the data may be written only when `errors` is empty. */
export function readAndValidate(dataDir: string): CheckedData {
  const problems: DataProblem[] = [];
  const data = readGraphData(dataDir, problems);
  validateGraph(data, problems);
  return {
    data,
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}
