export { BaseCommand } from './command';
export { describeError, exitCodeOf, UsageError } from './errors';
export {
  replaceQuestion,
  datastoreQuestion,
  terminalConfirm,
  type Confirm,
  type PromptStreams,
} from './prompt';
export { progressBar, type ProgressReporter } from './progress';
export { formatStat, renderTable, type Column } from './table';
