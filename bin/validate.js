#!/usr/bin/env node
// npm run validate [dir]: validates every *.k8s.yaml in dir (default dist) offline, as strictly as the API
// server and Pod Security admission would. Prints one violation per line and exits 1 when there are any,
// otherwise prints a one-line summary and exits 0; exits 2 when it cannot run (e.g. no such directory).
//
// The validator is TypeScript, loaded by the project's transpile-only loader (`npm test` type-checks it),
// so there is no build step to forget before validating.
'use strict';

require('./register');
const { formatViolation, listManifestFiles, readManifestFile, validateManifestFiles } = require('../src/validate');

function main(args) {
  if (args.includes('-h') || args.includes('--help') || args.length > 1) {
    console.error('usage: node bin/validate.js [dir]   (default: dist)');
    return args.length > 1 ? 2 : 0;
  }
  const dir = args[0] ?? 'dist';
  let files;
  try {
    files = listManifestFiles(dir);
  } catch (error) {
    console.error(`validate: cannot read ${dir}: ${error.message}`);
    return 2;
  }
  if (files.length === 0) {
    console.error(`validate: no *.k8s.yaml manifests in ${dir}; run the synth first`);
    return 1;
  }
  const manifests = files.map(readManifestFile);
  const violations = validateManifestFiles(manifests);
  for (const violation of violations) console.log(formatViolation(violation));
  if (violations.length > 0) {
    console.error(`validate: ${violations.length} violation(s) in ${dir}`);
    return 1;
  }
  const objects = manifests.reduce((count, manifest) => count + manifest.documents.filter((document) => document != null).length, 0);
  console.log(`validate: ${objects} objects in ${files.length} files under ${dir}: no violations (Kubernetes 1.27 schemas, strict fields, names, Pod Security restricted, size limits)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
