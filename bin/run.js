#!/usr/bin/env node
// Runs the built CLI (dist/); `npm run build` makes it.
require('@oclif/core').execute({ dir: __dirname }).catch(require('@oclif/core/handle'));
