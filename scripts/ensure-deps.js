#!/usr/bin/env node
// `prestart` and `pretest`: on a fresh clone, `npm start` and `npm test` are the whole set-up. This installs the
// locked dependencies (`npm ci`) when node_modules is missing or does not match package-lock.json, then lets the
// command go on. Plain Node and CommonJS: it runs before any dependency exists.
//
// "Older than the lock file" is decided on content, not on dates: git sets package-lock.json's date at checkout
// (a new worktree or a branch switch makes it look newer than an install that matches it), so a date comparison
// would reinstall for nothing. npm writes what it installed to node_modules/.package-lock.json; the install is
// current when every locked package is there at its locked version, and nothing else is.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** @typedef {'missing' | 'stale' | 'current' | 'no-lock'} InstallState */

/**
 * What to do, from the two files' text (null when the file does not exist).
 * @param {string | null} lockText package-lock.json
 * @param {string | null} installedText node_modules/.package-lock.json
 * @param {boolean} hasNodeModules whether node_modules exists at all
 * @returns {InstallState}
 */
function installState(lockText, installedText, hasNodeModules) {
  if (lockText === null) return 'no-lock';
  if (!hasNodeModules) return 'missing';
  if (installedText === null) return 'stale';
  let locked;
  let installed;
  try {
    locked = JSON.parse(lockText).packages ?? {};
    installed = JSON.parse(installedText).packages ?? {};
  } catch {
    return 'stale';
  }
  for (const [key, entry] of Object.entries(locked)) {
    if (key === '') continue; // the project itself
    const present = installed[key];
    // Platform packages (esbuild's, swc's…) are optional and only the current platform's is installed.
    if (!present) {
      if (entry.optional || entry.devOptional) continue;
      return 'stale';
    }
    if (present.version !== entry.version || Boolean(present.link) !== Boolean(entry.link)) return 'stale';
  }
  for (const key of Object.keys(installed)) if (!(key in locked)) return 'stale';
  return 'current';
}

/** The one French line printed before installing, or null when nothing is to be done. */
function installMessage(state) {
  if (state === 'missing') return 'Première utilisation : installation des dépendances (npm ci)…';
  if (state === 'stale')
    return 'package-lock.json a changé depuis la dernière installation : mise à jour des dépendances (npm ci)…';
  return null;
}

/**
 * npm's own CLI script, started with this Node: on Windows `npm` is npm.cmd, which spawn cannot start without a
 * shell. npm sets npm_execpath for the scripts it runs; run by hand, npm sits next to Node.
 */
function npmCli(env = process.env, nodePath = process.execPath) {
  if (env.npm_execpath && /npm-cli\.[cm]?js$/.test(env.npm_execpath)) return env.npm_execpath;
  const dir = path.dirname(nodePath);
  const candidates = [
    path.join(dir, 'node_modules', 'npm', 'bin', 'npm-cli.js'), // Windows
    path.join(dir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), // Unix
  ];
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

function readOrNull(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function main(root = path.join(__dirname, '..')) {
  const state = installState(
    readOrNull(path.join(root, 'package-lock.json')),
    readOrNull(path.join(root, 'node_modules', '.package-lock.json')),
    fs.existsSync(path.join(root, 'node_modules')),
  );
  const message = installMessage(state);
  if (message === null) return 0;
  console.log(message);
  const cli = npmCli();
  if (cli === null) {
    console.error('npm est introuvable à côté de Node : lancez « npm ci » vous-même, puis la commande.');
    return 1;
  }
  const result = spawnSync(process.execPath, [cli, 'ci'], { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

module.exports = { installState, installMessage, npmCli };

if (require.main === module) process.exitCode = main();
