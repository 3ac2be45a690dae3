#!/usr/bin/env node
// Runs the built CLI (dist/main.js, a bundle; `npm run build` makes it).
const { loadBundle } = require('./bundle.js');

const args = process.argv.slice(2);

/**
 * generate-events first tries its own small bundle (no oclif: a short run starts in half the time); it hands
 * back whatever it does not read exactly as oclif would, help and --debug included.
 */
function runEventsFast() {
  if (args[0] !== 'generate-events') return false;
  if (args.some((a) => a === '--help' || a === '-h' || a === '--debug')) return false;
  let bundle;
  try {
    bundle = loadBundle({ name: 'events' });
  } catch (err) {
    // A dist/ built before the events bundle existed: the whole CLI runs the command as before.
    if (err && err.code === 'ENOENT') return false;
    throw err;
  }
  return bundle.exports.runEvents(args.slice(1)) !== false;
}

// --debug maps stack traces back to src/ (see bundle.js); everything else loads with the code cache.
if (!runEventsFast()) loadBundle({ sourceMaps: args.includes('--debug') }).exports.main(__dirname, args);
