#!/usr/bin/env node
// bench/run.js starts this: the tests' SignalFx stand-in (test/support/signalfx-server.ts, bundled by esbuild
// into bench/out) serving 10 series; writes its URL to the file named by argv[2] and runs until killed.
const { writeFileSync } = require('node:fs');
const { startSignalFx } = require('./out/signalfx-server.js');

startSignalFx({ token: 'bench-token', series: 10 }).then((server) => {
  writeFileSync(process.argv[2], server.url);
});
