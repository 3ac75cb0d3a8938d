#!/usr/bin/env node
// The `suivi-mes` command: loads src/cli.ts through tsx, so no build step stands between a checkout and a command.
'use strict';
require('tsx/cjs');
require('../src/cli.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
