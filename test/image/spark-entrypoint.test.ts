import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// image/spark-entrypoint.sh is our own script in place of Spark's entrypoint.sh (not on Maven
// Central). Here its command lines are checked with a stand-in tini that prints what it was asked to
// run; the e2e stage "the unified image" runs the real one in the built image with runc.

const SCRIPT = path.resolve(__dirname, '../../image/spark-entrypoint.sh');
const PRINT_ARGV = '#!/bin/sh\nfor arg in "$@"; do printf \'argv=%s\\n\' "$arg"; done\n';

interface Sandbox {
  readonly dir: string;
  readonly sparkHome: string;
  readonly tini: string;
  readonly javaHome: string;
  readonly script: string;
}

function sandbox(): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-entrypoint-'));
  fs.chmodSync(dir, 0o755);
  const sparkHome = path.join(dir, 'spark');
  const javaHome = path.join(dir, 'jdk');
  const tini = path.join(dir, 'tini');
  fs.writeFileSync(tini, PRINT_ARGV, { mode: 0o755 });
  fs.mkdirSync(path.join(sparkHome, 'jars'), { recursive: true });
  // A copy in the sandbox: the unprivileged user may not traverse the checkout's folders (a clone in
  // a mktemp folder is mode 0700), as it may not in a pod either; the image holds its own copy.
  const script = path.join(dir, 'entrypoint.sh');
  fs.copyFileSync(SCRIPT, script);
  fs.chmodSync(script, 0o755);
  return { dir, sparkHome, tini, javaHome, script };
}

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => fs.rmSync(box.dir, { recursive: true, force: true }));

// Started as root the script drops to the image's user `spark`, which this machine has not: as root
// (CI) the script runs as nobody, as a pod's uid 185 runs it.
const AS_USER = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];

/** Runs the entrypoint with `args` and only `env` (and PATH); returns what the stand-in tini got. */
function entrypoint(args: string[], env: Record<string, string>): { status: number | null; argv: string[]; stderr: string } {
  const [command, ...rest] = [...AS_USER, 'bash', box.script, ...args];
  const result = spawnSync(command, rest, {
    encoding: 'utf8',
    cwd: box.dir,
    env: { PATH: process.env.PATH, SPARK_HOME: box.sparkHome, JAVA_HOME: box.javaHome, SPARK_TENANCY_TINI: box.tini, ...env },
  });
  return {
    status: result.status,
    argv: result.stdout
      .split('\n')
      .filter(l => l.startsWith('argv='))
      .map(l => l.slice(5)),
    stderr: result.stderr,
  };
}

describe('spark-entrypoint.sh', () => {
  test("driver: spark-submit in client mode bound to SPARK_DRIVER_BIND_ADDRESS, Spark's args after, under tini -s", () => {
    // GIVEN the args Spark's submission client gives a driver pod
    const run = entrypoint(['driver', '--properties-file', '/opt/spark/conf/spark.properties', '--class', 'a.B', 'local:///x.jar', 'arg 1'], {
      SPARK_DRIVER_BIND_ADDRESS: '10.1.2.3',
    });
    // THEN tini -s runs spark-submit with the bind address, the pod IP for executors, client mode, then Spark's args
    expect(run.status).toBe(0);
    expect(run.argv).toEqual([
      '-s',
      '--',
      `${box.sparkHome}/bin/spark-submit`,
      '--conf',
      'spark.driver.bindAddress=10.1.2.3',
      '--conf',
      'spark.executorEnv.SPARK_DRIVER_POD_IP=10.1.2.3',
      '--deploy-mode',
      'client',
      '--properties-file',
      '/opt/spark/conf/spark.properties',
      '--class',
      'a.B',
      'local:///x.jar',
      'arg 1',
    ]);
  });

  test("executor: KubernetesExecutorBackend with the env's settings, JVM options in their numeric order, Spark's classpath order", () => {
    // GIVEN the env Spark's scheduler sets on an executor pod, with 12 JVM options (so _10 and _11 exist)
    const opts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`SPARK_JAVA_OPT_${i}`, `-Dopt${i}=v ${i}`]));
    const run = entrypoint(['executor'], {
      ...opts,
      SPARK_EXECUTOR_MEMORY: '1g',
      SPARK_DRIVER_URL: 'spark://CoarseGrainedScheduler@d:7078',
      SPARK_EXECUTOR_ID: '3',
      SPARK_EXECUTOR_CORES: '2',
      SPARK_APPLICATION_ID: 'spark-1',
      SPARK_EXECUTOR_POD_IP: '10.0.0.9',
      SPARK_RESOURCE_PROFILE_ID: '0',
      SPARK_EXECUTOR_POD_NAME: 'p-exec-3',
      SPARK_CONF_DIR: '/c',
      HADOOP_CONF_DIR: '/h',
      SPARK_CLASSPATH: '/user.jar',
      SPARK_EXTRA_CLASSPATH: '/extra.jar',
      SPARK_DIST_CLASSPATH: '/dist/*',
      SPARK_JAVA_OPT_X: '-Dnot=an-option',
    });
    // THEN java runs Spark's backend; options _0.._11 in order, each one word; the classpath in Spark's order
    expect(run.status).toBe(0);
    expect(run.argv).toEqual([
      '-s',
      '--',
      `${box.javaHome}/bin/java`,
      ...Array.from({ length: 12 }, (_, i) => `-Dopt${i}=v ${i}`),
      '-Xms1g',
      '-Xmx1g',
      '-cp',
      `/c:/h:/user.jar:${box.sparkHome}/jars/*:/extra.jar:${fs.realpathSync(box.dir)}:/dist/*`,
      'org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend',
      '--driver-url',
      'spark://CoarseGrainedScheduler@d:7078',
      '--executor-id',
      '3',
      '--cores',
      '2',
      '--app-id',
      'spark-1',
      '--hostname',
      '10.0.0.9',
      '--resourceProfileId',
      '0',
      '--podName',
      'p-exec-3',
    ]);
  });

  test('executor without SPARK_CONF_DIR: $SPARK_HOME/conf leads the classpath', () => {
    const run = entrypoint(['executor'], { SPARK_EXECUTOR_MEMORY: '512m' });
    const cp = run.argv[run.argv.indexOf('-cp') + 1];
    expect(cp).toBe(`${box.sparkHome}/conf::${box.sparkHome}/jars/*:${fs.realpathSync(box.dir)}:`);
  });

  test('anything else runs as given', () => {
    // GIVEN a command that is not a Spark role  THEN it runs as given
    const run = spawnSync('bash', [SCRIPT, 'sh', '-c', 'echo "passed $0 $1"', 'a', 'b c'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, SPARK_HOME: box.sparkHome, JAVA_HOME: box.javaHome },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('passed a b c\n');
  });
});

describe("the image build's bash scripts", () => {
  // CI installs shellcheck (.ci/run); without it this fails rather than skips.
  for (const script of ['image/spark-entrypoint.sh', 'e2e/scripts/build-image.sh', 'e2e/scripts/import-image.sh', 'spark-steps/build.sh']) {
    test(`${script} is clean under shellcheck (bash, sourced files followed)`, () => {
      const result = spawnSync('shellcheck', ['-x', '-P', 'SCRIPTDIR', path.resolve(__dirname, '../..', script)], { encoding: 'utf8' });
      expect(result.error).toBeUndefined();
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    });
  }
});
