'use strict';
/*
 * What the scripts that regenerate vendored data share: the component versions the real-cluster suite
 * runs (e2e/versions.env), and the source of a Go module at a version, which carries the data they
 * read (CRDs, Kubernetes' OpenAPI document).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..', '..');

/** e2e/versions.env as an object: NAME -> value. */
function componentVersions() {
  return Object.fromEntries(
    fs
      .readFileSync(path.join(repoRoot, 'e2e', 'versions.env'), 'utf8')
      .split('\n')
      .map(line => /^([A-Z_]+)="?([^"]*)"?$/.exec(line.trim()))
      .filter(Boolean)
      .map(m => [m[1], m[2]]),
  );
}

/**
 * The folder of `module@version` in Go's module cache, downloaded from the module proxy on first use.
 * `toolchain`: the Go toolchain the module's go directive needs (GOTOOLCHAIN; `go` fetches it from the
 * module proxy), when newer than the installed one.
 */
function moduleDir(goModule, toolchain) {
  const output = execFileSync('go', ['mod', 'download', '-json', goModule], {
    cwd: os.tmpdir(),
    env: { ...process.env, GOFLAGS: '-mod=mod', ...(toolchain ? { GOTOOLCHAIN: toolchain } : {}) },
    encoding: 'utf8',
  });
  return JSON.parse(output).Dir;
}

module.exports = { repoRoot, componentVersions, moduleDir };
