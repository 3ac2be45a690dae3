/** Times and durations as users write them; all instants are whole epoch seconds. */
export { TimeError } from './errors';
export { isRelativeTime, parseTime, type TimeContext } from './parse';
export { parseDuration } from './duration';
export { formatTime, isValidZone, localParts } from './zone';
