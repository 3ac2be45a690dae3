export { Aggregator } from './accumulate';
export { type AggregatePlan, type MetricPlan, parseAggregate } from './config';
export { type AggregateSummary, writeAggregates } from './write';
