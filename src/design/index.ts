export { DesignError } from './errors';
export { distributionFunctions } from './functions';
export { loadDesign } from './load';
export type {
  Design,
  DictValues,
  FunctionValues,
  Historical,
  MetricSpec,
  ScalarValues,
  Timing,
  Values,
} from './types';
export { type DesignOptions, validateDesign } from './validate';
export { parseYaml } from './yaml';
