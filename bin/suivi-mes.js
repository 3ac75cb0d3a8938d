#!/usr/bin/env node
// The `suivi-mes` command: loads src/cli.ts through tsx, so no build step stands between a checkout and a command.
// tsx reads the repository's tsconfig.json (the pages' JSX is Preact's) wherever the command is started from.
'use strict';
const path = require('node:path');
process.env.TSX_TSCONFIG_PATH ??= path.join(__dirname, '..', 'tsconfig.json');
require('tsx/cjs');
require('../src/cli.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
