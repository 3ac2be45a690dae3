export { GenerateError, OverwriteDeclined } from './errors';
export { generateData, type GenerateRequest, type GenerateResult, type SeriesRef } from './run';
