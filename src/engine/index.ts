export {
  Environment,
  type EnvironmentOptions,
  type FiredEvent,
  type Process,
  type SimEvent,
  type Timeout,
} from './environment';
export { EventQueue, type Scheduled } from './queue';
export { PACED_BATCH, runPaced, systemClock, type PacingHooks, type WallClock } from './pacing';
