#!/usr/bin/env node
// Runs the built CLI (dist/main.js, a bundle; `npm run build` makes it).
const args = process.argv.slice(2);
// --debug maps stack traces back to src/ (see bundle.js); everything else loads with the code cache.
require('./bundle.js')
  .loadBundle({ sourceMaps: args.includes('--debug') })
  .exports.main(__dirname, args);
