#!/usr/bin/env node
// `npm run leak-check [dist] [--spec platform.yaml] [--allow-plaintext]`: fails (exit 1) when bytes of a
// `secret: true` source appear in the output folder, raw, base64 or hex, and when the spec sets
// allowPlaintextSecrets unless --allow-plaintext accepts that output; exit 2 when the check cannot run.
// The spec defaults to $SPARK_TENANCY_SPEC, then platform.yaml, as for synth.
require('./register');
const path = require('path');
const fs = require('fs');
const { loadPlatformFile } = require('../src/spec/loader');
const { SpecError } = require('../src/spec/errors');
const { ALLOW_PLAINTEXT_FLAG, checkLeaks, formatLeakReport, leakCheckPassed } = require('../src/leak-check');

const USAGE = `usage: npm run leak-check [dist] [--spec platform.yaml] [${ALLOW_PLAINTEXT_FLAG}]`;

function main(argv) {
  let dist;
  let allowPlaintext = false;
  let spec = process.env.SPARK_TENANCY_SPEC || 'platform.yaml';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--spec') {
      if (argv[i + 1] === undefined) return fail(`--spec needs a file; ${USAGE}`);
      spec = argv[++i];
    } else if (arg.startsWith('--spec=')) {
      spec = arg.slice('--spec='.length);
    } else if (arg === ALLOW_PLAINTEXT_FLAG) {
      allowPlaintext = true;
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-')) {
      return fail(`unknown option ${arg}; ${USAGE}`);
    } else if (dist === undefined) {
      dist = arg;
    } else {
      return fail(`one output folder only (got ${dist} and ${arg}); ${USAGE}`);
    }
  }
  dist = dist === undefined ? 'dist' : dist;
  if (!fs.existsSync(dist) || !fs.statSync(dist).isDirectory()) return fail(`${dist} is not a folder; run npm run synth first, or name the output folder; ${USAGE}`);

  let platform;
  try {
    platform = loadPlatformFile(spec, path.relative(process.cwd(), path.resolve(spec)) || spec);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    for (const line of e.message.split('\n')) process.stderr.write(`error: ${line}\n`);
    return fail('the spec has problems, so there is nothing to compare dist/ against');
  }
  const result = checkLeaks(platform, dist, dist.replace(/\/+$/, ''), { allowPlaintext });
  const lines = formatLeakReport(result, dist.replace(/\/+$/, ''));
  const passed = leakCheckPassed(result);
  const out = passed ? process.stdout : process.stderr;
  for (const line of lines) out.write(`${line}\n`);
  return passed ? 0 : 1;
}

function fail(message) {
  process.stderr.write(`leak-check: ${message}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
