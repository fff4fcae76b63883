import { runSynth } from './src/cli';

// The example app: `npm run synth` and `cdk8s synth` both run this file, as `spark-tenancy synth` of
// the installed package does: platform.yaml (or $SPARK_TENANCY_SPEC) into dist/ (or $CDK8S_OUTDIR),
// ending with one summary line.
runSynth(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
