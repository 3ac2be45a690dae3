#!/usr/bin/env node
// Runs the built CLI (dist/main.js, a bundle; `npm run build` makes it).
require('./bundle.js').loadBundle().exports.main(__dirname, process.argv.slice(2));
