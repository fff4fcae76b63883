import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { args, copies, pairs, parseDockerfile, Stage } from './dockerfile';
import { planArguments } from '../../src/sync/config-sync';
import { materializerPlanVersion } from '../../src/sync/materializer-script';

const PLAN_VERSION = materializerPlanVersion();

const REPO = path.resolve(__dirname, '../..');
const IMAGE_DIR = path.join(REPO, 'image');
const BOOTSTRAP = path.join(IMAGE_DIR, 'bootstrap.sh');
const MATERIALIZER = path.join(IMAGE_DIR, 'materialize.sh');
const CHECK_SCALA = path.join(IMAGE_DIR, 'check-scala.sh');
const DOCKERFILE = path.join(IMAGE_DIR, 'Dockerfile');
const IMAGE_DOC = path.join(REPO, 'docs', 'image.md');

const ENGINE = 'com.example.test.EngineMain';
const PROXY = 'com.example.test.ProxyMain';
const ROLE_ENV = 'MY_PROJECT_EXECUTOR';

/** Absolute path of `command` on this machine's PATH, or undefined. */
function onPath(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

// ---------------------------------------------------------------------------------------------------
// A temporary root with stand-ins for `java` and Spark's entrypoint. Each prints its pid, the env vars
// of interest and its argv (one per line), so a test sees exactly what bootstrap.sh exec'd.

const STAND_IN = `#!/bin/sh
printf 'pid=%s\\n' "$$"
for name in ${ROLE_ENV} OTHER_ROLE SPARK_HOME APP_HOME SPARK_SUBMIT_OPTS SPARK_DIST_CLASSPATH; do
  eval "value=\\\${$name-<unset>}"
  printf 'env=%s=%s\\n' "$name" "$value"
done
for arg in "$0" "$@"; do printf 'argv=%s\\n' "$arg"; done
`;

interface Root {
  readonly dir: string;
  readonly bin: string;
  readonly appHome: string;
  readonly sparkHome: string;
  readonly entrypoint: string;
  readonly java: string;
  readonly sparkSubmit: string;
  /** SPARK_CONF_DIR, holding a spark-defaults.conf. */
  readonly confDir: string;
  readonly fakeMaterializer: string;
}

function writeExecutable(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o755 });
}

function makeRoot(): Root {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-image-'));
  const bin = path.join(dir, 'bin');
  const appHome = path.join(dir, 'my_project');
  const sparkHome = path.join(dir, 'opt', 'spark');
  const entrypoint = path.join(dir, 'opt', 'entrypoint.sh');
  const java = path.join(bin, 'java');
  const fakeMaterializer = path.join(dir, 'opt', 'fake-materialize.sh');
  const sparkSubmit = path.join(sparkHome, 'bin', 'spark-submit');
  const confDir = path.join(dir, 'conf');
  writeExecutable(java, STAND_IN);
  writeExecutable(sparkSubmit, STAND_IN);
  fs.mkdirSync(confDir);
  fs.writeFileSync(path.join(confDir, 'spark-defaults.conf'), 'spark.submit.deployMode client\n');
  writeExecutable(entrypoint, STAND_IN);
  // Run with /bin/sh, like the real one: needs no exec bit.
  fs.writeFileSync(fakeMaterializer, STAND_IN, { mode: 0o644 });
  fs.mkdirSync(path.join(appHome, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(appHome, 'lib', 'my-project-1.0.jar'), 'PK fake jar');
  fs.writeFileSync(path.join(appHome, 'lib', 'dependency-2.0.jar'), 'PK fake jar');
  fs.mkdirSync(path.join(sparkHome, 'jars'), { recursive: true });
  fs.writeFileSync(path.join(sparkHome, 'jars', 'spark-core_2.12-3.5.1.jar'), 'PK fake jar');
  fs.mkdirSync(path.join(dir, 'nobin'));
  return { dir, bin, appHome, sparkHome, entrypoint, java, sparkSubmit, confDir, fakeMaterializer };
}

interface Shell {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

const SHELLS: readonly Shell[] = [
  { name: 'dash', command: 'dash', args: [] },
  { name: 'bash', command: 'bash', args: [] },
  { name: 'busybox sh', command: 'busybox', args: ['sh'] },
];

interface Run {
  readonly status: number | null;
  readonly pid: number;
  readonly stdout: string;
  readonly stderr: string;
  /** What the stand-in printed; undefined when no stand-in ran. */
  readonly exec?: { readonly pid: number; readonly argv: string[]; readonly env: Record<string, string> };
}

type Env = Record<string, string | undefined>;

function parseStandIn(stdout: string): Run['exec'] {
  const lines = stdout.split('\n').filter(l => l !== '');
  if (!lines[0]?.startsWith('pid=')) return undefined;
  const env: Record<string, string> = {};
  const argv: string[] = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith('argv=')) argv.push(line.slice('argv='.length));
    else if (line.startsWith('env=')) {
      const [name, ...value] = line.slice('env='.length).split('=');
      env[name] = value.join('=');
    }
  }
  return { pid: Number(lines[0].slice('pid='.length)), argv, env };
}

/** Runs the real bootstrap.sh under `shell` with a clean environment: the root's paths plus `extra`. */
function runBootstrap(shell: Shell, root: Root, args: readonly string[], extra: Env = {}): Run {
  const env: Env = {
    PATH: `${root.bin}:/usr/bin:/bin`,
    APP_HOME: root.appHome,
    SPARK_HOME: root.sparkHome,
    SPARK_ENTRYPOINT: root.entrypoint,
    SPARK_CONF_DIR: root.confDir,
    SPARK_TENANCY_MATERIALIZER: MATERIALIZER,
    ENGINE_MAIN_CLASS: ENGINE,
    PROXY_MAIN_CLASS: PROXY,
    ...extra,
  };
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  // The shell by absolute path: the test's PATH may not lead to it.
  const result = spawnSync(onPath(shell.command)!, [...shell.args, BOOTSTRAP, ...args], {
    env: clean,
    cwd: root.dir,
    encoding: 'utf8',
    timeout: 20000,
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    pid: result.pid,
    stdout: result.stdout,
    stderr: result.stderr,
    exec: parseStandIn(result.stdout),
  };
}

/** What bootstrap.sh passes spark-submit for the engine before any optional or user args. */
function engineSubmit(root: Root): string[] {
  return [root.sparkSubmit, '--deploy-mode', 'client', '--properties-file', `${root.confDir}/spark-defaults.conf`, '--class', ENGINE];
}

/** The stand-in ran in place of the shell (same pid: `exec`), with exactly `argv`. */
function expectExec(run: Run, argv: readonly string[]): void {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.exec).toBeDefined();
  expect(run.exec!.argv).toEqual(argv);
  expect(run.exec!.pid).toBe(run.pid);
}

function expectFailure(run: Run, status: number, message: string | RegExp): void {
  expect(run.status).toBe(status);
  expect(run.stdout).toBe('');
  expect(run.exec).toBeUndefined();
  expect(run.stderr).toMatch(message);
}

const available = SHELLS.filter(s => onPath(s.command) !== undefined);
for (const shell of SHELLS.filter(s => !available.includes(s))) {
  // Visible in the jest summary as skipped, and in the log with the reason.
  console.warn(`bootstrap.sh is not run under ${shell.name}: '${shell.command}' is not installed`);
  test.skip(`bootstrap.sh under ${shell.name} (skipped: '${shell.command}' is not installed)`, () => undefined);
}

describe.each(available.map(s => [s.name, s] as const))('bootstrap.sh under %s', (_name, shell) => {
  let root: Root;
  beforeAll(() => {
    root = makeRoot();
  });
  afterAll(() => {
    fs.rmSync(root.dir, { recursive: true, force: true });
  });

  describe('executor', () => {
    test('the role variable set: Spark entrypoint with a single `executor`', () => {
      // GIVEN an executor pod: Spark passes `executor`, the spec's roleEnv marks the pod
      // WHEN the image starts
      const run = runBootstrap(shell, root, ['executor'], { [ROLE_ENV]: 'true' });
      // THEN Spark's entrypoint replaces the shell with `executor` once, and sees the role variable
      expectExec(run, [root.entrypoint, 'executor']);
      expect(run.exec!.env[ROLE_ENV]).toBe('true');
      expect(run.exec!.env.SPARK_HOME).toBe(root.sparkHome);
    });

    test('the role variable set but empty still means executor', () => {
      // GIVEN the role variable present with an empty value
      // WHEN the image starts with Spark's `executor` arg
      const run = runBootstrap(shell, root, ['executor'], { [ROLE_ENV]: '' });
      // THEN it is an executor
      expectExec(run, [root.entrypoint, 'executor']);
      expect(run.exec!.env[ROLE_ENV]).toBe('');
    });

    test('the role variable wins over args, which are passed on after `executor`', () => {
      // GIVEN the role variable set, no args at all
      // WHEN the image starts
      const bare = runBootstrap(shell, root, [], { [ROLE_ENV]: '1' });
      // THEN executor (not engine)
      expectExec(bare, [root.entrypoint, 'executor']);

      // GIVEN the role variable set and other args (after Spark's own `executor`, or instead of it)
      // WHEN the image starts
      const extra = runBootstrap(shell, root, ['executor', '--extra', 'a b'], { [ROLE_ENV]: '1' });
      const proxyArg = runBootstrap(shell, root, ['proxy'], { [ROLE_ENV]: '1' });
      // THEN executor still, with the other args passed through
      expectExec(extra, [root.entrypoint, 'executor', '--extra', 'a b']);
      expectExec(proxyArg, [root.entrypoint, 'executor', 'proxy']);
    });

    test("Spark's own `executor` arg without the role variable is an executor too, not exit 64", () => {
      // GIVEN an executor pod Spark built from a template without spark.executorEnv.<roleEnv>
      // WHEN the image starts with Spark's args
      const run = runBootstrap(shell, root, ['executor', '--extra']);
      // THEN Spark's entrypoint runs the executor with `executor` once
      expectExec(run, [root.entrypoint, 'executor', '--extra']);
      expect(run.exec!.env[ROLE_ENV]).toBe('<unset>');
    });

    test('SPARK_TENANCY_ROLE_ENV names the role variable', () => {
      // GIVEN an image built with ROLE_ENV=OTHER_ROLE
      const env = { SPARK_TENANCY_ROLE_ENV: 'OTHER_ROLE' };
      // WHEN OTHER_ROLE is set, or only the default name is set
      const executor = runBootstrap(shell, root, ['executor'], { ...env, OTHER_ROLE: 'x' });
      const engine = runBootstrap(shell, root, [], { ...env, [ROLE_ENV]: 'x' });
      // THEN only OTHER_ROLE makes an executor
      expectExec(executor, [root.entrypoint, 'executor']);
      expectExec(engine, [...engineSubmit(root), 'spark-internal']);
    });

    test('a role variable name that is not a variable name is refused', () => {
      // GIVEN SPARK_TENANCY_ROLE_ENV that would inject code into eval
      // WHEN the image starts
      const run = runBootstrap(shell, root, [], { SPARK_TENANCY_ROLE_ENV: 'X}; echo pwned; : ${Y' });
      // THEN it stops as misconfigured, running nothing
      expectFailure(run, 78, /SPARK_TENANCY_ROLE_ENV='X}; echo pwned; : \$\{Y' is not a valid variable name/);
    });
  });

  describe('engine', () => {
    test('no args: spark-submit in client mode with the generated properties, the main class and spark-internal', () => {
      // GIVEN no role variable, no args, and none of the pod's downward-API or kubelet variables
      // WHEN the image starts
      const run = runBootstrap(shell, root, []);
      // THEN spark-submit replaces the shell: client mode, SPARK_CONF_DIR's spark-defaults.conf,
      // Spark's placeholder resource, and the application jars for the launcher's classpath (literal wildcard)
      expectExec(run, [...engineSubmit(root), 'spark-internal']);
      expect(run.exec!.env.SPARK_DIST_CLASSPATH).toBe(`${root.appHome}/lib/*`);
      expect(run.exec!.env[ROLE_ENV]).toBe('<unset>');
      expect(run.exec!.env.SPARK_SUBMIT_OPTS).toBe('<unset>');
    });

    test('in a pod: the API server from KUBERNETES_SERVICE_HOST/PORT and the pod name from POD_NAME', () => {
      // GIVEN the variables the kubelet sets in every pod, and POD_NAME from the downward API
      const env = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443', POD_NAME: 'my-project-engine-7d9f-abcde' };
      // WHEN the engine starts with application args
      const run = runBootstrap(shell, root, ['engine', '--port', '8011', 'two words'], env);
      // THEN spark-submit gets the master and the driver pod's name before the resource, the args after it
      expectExec(run, [
        ...engineSubmit(root),
        '--master',
        'k8s://https://10.96.0.1:443',
        '--conf',
        'spark.kubernetes.driver.pod.name=my-project-engine-7d9f-abcde',
        'spark-internal',
        '--port',
        '8011',
        'two words',
      ]);
    });

    test('an IPv6 API server address is bracketed; one of the two service variables alone is ignored', () => {
      // GIVEN an IPv6 cluster, and a pod with only the host variable
      // WHEN the engine starts
      const ipv6 = runBootstrap(shell, root, [], { KUBERNETES_SERVICE_HOST: 'fd00:10:96::1', KUBERNETES_SERVICE_PORT: '443' });
      const hostOnly = runBootstrap(shell, root, [], { KUBERNETES_SERVICE_HOST: '10.96.0.1' });
      // THEN the URL is valid for IPv6; without a port the generated spark.master applies
      expectExec(ipv6, [...engineSubmit(root), '--master', 'k8s://https://[fd00:10:96::1]:443', 'spark-internal']);
      expectExec(hostOnly, [...engineSubmit(root), 'spark-internal']);
    });

    test('the application jars come after a SPARK_DIST_CLASSPATH the image already sets', () => {
      // GIVEN a Hadoop-free Spark whose image sets SPARK_DIST_CLASSPATH
      // WHEN the engine starts
      const run = runBootstrap(shell, root, [], { SPARK_DIST_CLASSPATH: '/opt/hadoop/share/*' });
      // THEN both are on the launcher's classpath, Hadoop's first
      expect(run.exec!.env.SPARK_DIST_CLASSPATH).toBe(`/opt/hadoop/share/*:${root.appHome}/lib/*`);
    });

    test('JAVA_OPTS reaches the driver JVM through SPARK_SUBMIT_OPTS, after any the image sets', () => {
      // GIVEN JAVA_OPTS (e.g. the krb5.conf option the package sets), with and without SPARK_SUBMIT_OPTS
      const javaOpts = '-Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf -Dx=1';
      // WHEN the engine starts
      const alone = runBootstrap(shell, root, [], { JAVA_OPTS: javaOpts });
      const both = runBootstrap(shell, root, [], { JAVA_OPTS: javaOpts, SPARK_SUBMIT_OPTS: '-Dy=2' });
      // THEN spark-submit's launcher sees them in SPARK_SUBMIT_OPTS (it does not read JAVA_OPTS)
      expectExec(alone, [...engineSubmit(root), 'spark-internal']);
      expect(alone.exec!.env.SPARK_SUBMIT_OPTS).toBe(javaOpts);
      expect(both.exec!.env.SPARK_SUBMIT_OPTS).toBe(`-Dy=2 ${javaOpts}`);
    });

    test('no jar in $APP_HOME/lib: exit 66 naming the folder', () => {
      // GIVEN an application folder whose lib holds no jar
      const appHome = path.join(root.dir, 'no-jars');
      fs.mkdirSync(path.join(appHome, 'lib'), { recursive: true });
      fs.writeFileSync(path.join(appHome, 'lib', 'README.txt'), 'not a jar');
      // WHEN the engine (or the proxy) starts, or the lib folder is missing altogether
      const engine = runBootstrap(shell, root, [], { APP_HOME: appHome });
      const proxy = runBootstrap(shell, root, ['proxy'], { APP_HOME: appHome });
      const missing = runBootstrap(shell, root, ['engine'], { APP_HOME: path.join(root.dir, 'nowhere') });
      // THEN nothing runs; exit 66 and the folder in the message
      expectFailure(engine, 66, `no application jar (*.jar) in ${appHome}/lib`);
      expectFailure(proxy, 66, `no application jar (*.jar) in ${appHome}/lib`);
      expectFailure(missing, 66, `no application jar (*.jar) in ${root.dir}/nowhere/lib`);
    });

    test('no spark-submit, or no spark-defaults.conf in SPARK_CONF_DIR: exit 66 naming the file', () => {
      // GIVEN a Spark home without bin/spark-submit, and a conf folder without the properties file
      const emptyConf = path.join(root.dir, 'empty-conf');
      fs.mkdirSync(emptyConf, { recursive: true });
      // WHEN the engine starts
      const noSubmit = runBootstrap(shell, root, [], { SPARK_HOME: path.join(root.dir, 'no-spark') });
      const noConf = runBootstrap(shell, root, [], { SPARK_CONF_DIR: emptyConf });
      // THEN nothing runs
      expectFailure(noSubmit, 66, `spark-submit ${root.dir}/no-spark/bin/spark-submit is missing or not executable`);
      expectFailure(noConf, 66, `Spark properties file ${emptyConf}/spark-defaults.conf is missing`);
    });

    test('empty main class: exit 78', () => {
      // GIVEN an image without ENGINE_MAIN_CLASS / PROXY_MAIN_CLASS
      // WHEN the engine or the proxy starts
      const engine = runBootstrap(shell, root, [], { ENGINE_MAIN_CLASS: undefined });
      const proxy = runBootstrap(shell, root, ['proxy'], { PROXY_MAIN_CLASS: '' });
      // THEN it stops as misconfigured, naming the build arg
      expectFailure(engine, 78, 'ENGINE_MAIN_CLASS is not set');
      expectFailure(proxy, 78, 'PROXY_MAIN_CLASS is not set');
    });

    test('java not on PATH: exit 127 (the proxy runs java itself)', () => {
      // GIVEN a PATH without java
      // WHEN the proxy starts
      const run = runBootstrap(shell, root, ['proxy'], { PATH: path.join(root.dir, 'nobin') });
      // THEN it says so
      expectFailure(run, 127, 'java is not on PATH');
    });
  });

  describe('proxy', () => {
    test('java with the application jars and the proxy main class, rest of the args passed on', () => {
      // GIVEN the `proxy` arg and its own args
      // WHEN the image starts
      const run = runBootstrap(shell, root, ['proxy', '--config', '/etc/proxy conf.yaml'], { JAVA_OPTS: '-Xmx512m' });
      // THEN java replaces the shell with only $APP_HOME/lib on the classpath
      expectExec(run, [root.java, '-Xmx512m', '-cp', `${root.appHome}/lib/*`, PROXY, '--config', '/etc/proxy conf.yaml']);
    });
  });

  describe('driver', () => {
    test("Spark entrypoint with Spark's driver args untouched", () => {
      // GIVEN a cluster-mode driver pod as spark-submit creates it
      const sparkArgs = [
        'driver',
        '--properties-file',
        '/opt/spark/conf/spark.properties',
        '--class',
        'com.example.test.EngineMain',
        'spark-internal',
        'app arg',
      ];
      // WHEN the image starts
      const run = runBootstrap(shell, root, sparkArgs);
      // THEN Spark's entrypoint replaces the shell with exactly those args
      expectExec(run, [root.entrypoint, ...sparkArgs]);
    });

    test('Spark entrypoint missing or not executable: exit 66', () => {
      // GIVEN an entrypoint path that does not exist, and one without the exec bit
      const plain = path.join(root.dir, 'opt', 'plain-entrypoint.sh');
      fs.writeFileSync(plain, STAND_IN, { mode: 0o644 });
      const nowhere = path.join(root.dir, 'opt', 'nowhere.sh');
      // WHEN a driver or an executor starts
      const driver = runBootstrap(shell, root, ['driver'], { SPARK_ENTRYPOINT: nowhere });
      const executor = runBootstrap(shell, root, ['executor'], { SPARK_ENTRYPOINT: plain, [ROLE_ENV]: '1' });
      // THEN nothing runs, exit 66 naming the file
      expectFailure(driver, 66, `Spark entrypoint ${nowhere} is missing`);
      expectFailure(executor, 66, `Spark entrypoint ${plain} is not executable`);
    });
  });

  describe('launch', () => {
    /** A stand-in curl that answers as the API server would, with Go's JSON escapes, and logs its argv. */
    function apiServer(status: number, data: Record<string, string>): string {
      const body = JSON.stringify({ kind: 'ConfigMap', metadata: { name: 'p-spark', annotations: { note: '"cluster-spark-defaults.conf":"x"' } }, data })
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026');
      const response = path.join(root.dir, `response-${status}.json`);
      fs.writeFileSync(response, body);
      writeExecutable(
        path.join(root.bin, 'curl'),
        `#!/bin/sh
printf '%s\\n' "$@" > ${JSON.stringify(path.join(root.dir, 'curl.argv'))}
while [ "$#" -gt 0 ]; do case $1 in -o) cp ${JSON.stringify(response)} "$2"; shift 2 ;; *) shift ;; esac; done
printf '%s' ${status}
`,
      );
      const sa = path.join(root.dir, 'sa');
      fs.mkdirSync(sa, { recursive: true });
      fs.writeFileSync(path.join(sa, 'token'), 'the-token');
      fs.writeFileSync(path.join(sa, 'ca.crt'), 'CA');
      return sa;
    }
    const files = {
      'cluster-spark-defaults.conf': 'spark.kubernetes.namespace team-a\nspark.driver.extraJavaOptions -Da="b\\\\c" -Dx=<&>\n',
      'driver-template.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n\tx: "quoted"\n',
      'executor-template.yaml': 'kind: Pod\n',
    };

    test("reads the tenant's Spark ConfigMap with the ServiceAccount token, writes its files decoded, execs cluster-mode spark-submit", () => {
      // GIVEN an API server holding the tenant's Spark ConfigMap (text with quotes, backslashes, tabs, < & >)
      const sa = apiServer(200, { 'spark-defaults.conf': 'engine only', ...files });
      const tenants = path.join(root.dir, 'tenants');
      // WHEN the proxy launches into team-a
      const run = runBootstrap(shell, root, ['launch', 'team-a', '--class', 'Main', 'local:///app.jar'], {
        SPARK_TENANCY_TENANTS_DIR: tenants,
        SPARK_TENANCY_SPARK_CONFIGMAP: 'p-spark',
        SERVICE_ACCOUNT_DIR: sa,
        KUBERNETES_SERVICE_HOST: '10.0.0.1',
        KUBERNETES_SERVICE_PORT: '443',
      });
      // THEN spark-submit replaces the shell, pointed at the files the launcher wrote, byte for byte
      const dir = path.join(tenants, 'team-a');
      expectExec(run, [
        root.sparkSubmit,
        '--master',
        'k8s://https://10.0.0.1:443',
        '--deploy-mode',
        'cluster',
        '--properties-file',
        `${dir}/conf/spark-defaults.conf`,
        '--conf',
        `spark.kubernetes.driver.podTemplateFile=${dir}/pod-templates/driver-template.yaml`,
        '--conf',
        `spark.kubernetes.executor.podTemplateFile=${dir}/pod-templates/executor-template.yaml`,
        '--class',
        'Main',
        'local:///app.jar',
      ]);
      expect(fs.readFileSync(`${dir}/conf/spark-defaults.conf`, 'utf8')).toBe(files['cluster-spark-defaults.conf']);
      expect(fs.readFileSync(`${dir}/pod-templates/driver-template.yaml`, 'utf8')).toBe(files['driver-template.yaml']);
      expect(fs.readFileSync(`${dir}/pod-templates/executor-template.yaml`, 'utf8')).toBe(files['executor-template.yaml']);
      // AND it asked for that one object with the CA, the token in a header file (never on the command line)
      const argv = fs.readFileSync(path.join(root.dir, 'curl.argv'), 'utf8');
      expect(argv).toContain('https://10.0.0.1:443/api/v1/namespaces/team-a/configmaps/p-spark');
      expect(argv).toContain(`${sa}/ca.crt`);
      expect(argv).not.toContain('the-token');
      expect(fs.readdirSync(dir).sort()).toEqual(['conf', 'pod-templates']);
    });

    test('with the feature steps (no pod template in the ConfigMap), spark-submit gets no template flag and no stale template stays', () => {
      // GIVEN a launch into team-a that wrote templates, then the tenant's ConfigMap as `delivery: featureSteps` writes it
      const tenants = path.join(root.dir, 'tenants');
      const env = (sa: string) => ({
        SPARK_TENANCY_TENANTS_DIR: tenants,
        SPARK_TENANCY_SPARK_CONFIGMAP: 'p-spark',
        SERVICE_ACCOUNT_DIR: sa,
        KUBERNETES_SERVICE_HOST: '10.0.0.1',
        KUBERNETES_SERVICE_PORT: '443',
      });
      runBootstrap(shell, root, ['launch', 'team-a', 'local:///app.jar'], env(apiServer(200, files)));
      const steps = { 'cluster-spark-defaults.conf': files['cluster-spark-defaults.conf'] };
      // WHEN the proxy launches into team-a again
      const run = runBootstrap(shell, root, ['launch', 'team-a', 'local:///app.jar'], env(apiServer(200, steps)));
      // THEN spark-submit runs with the defaults alone, and the earlier templates are gone
      const dir = path.join(tenants, 'team-a');
      expectExec(run, [
        root.sparkSubmit,
        '--master',
        'k8s://https://10.0.0.1:443',
        '--deploy-mode',
        'cluster',
        '--properties-file',
        `${dir}/conf/spark-defaults.conf`,
        'local:///app.jar',
      ]);
      expect(fs.readdirSync(path.join(dir, 'pod-templates'))).toEqual([]);
    });

    test('a refused read or a missing key fails naming the tenant and the ConfigMap; spark-submit never runs', () => {
      const env = (sa: string) => ({
        SPARK_TENANCY_TENANTS_DIR: path.join(root.dir, 'tenants'),
        SPARK_TENANCY_SPARK_CONFIGMAP: 'p-spark',
        SERVICE_ACCOUNT_DIR: sa,
        KUBERNETES_SERVICE_HOST: '10.0.0.1',
        KUBERNETES_SERVICE_PORT: '443',
      });
      // GIVEN an API server that refuses the read, then one whose ConfigMap lacks the cluster-mode defaults
      expectFailure(runBootstrap(shell, root, ['launch', 'team-b'], env(apiServer(403, files))), 77, 'may not read team-b/p-spark');
      const { 'cluster-spark-defaults.conf': _, ...partial } = files;
      expectFailure(
        runBootstrap(shell, root, ['launch', 'team-b'], env(apiServer(200, partial))),
        66,
        'team-b/p-spark has no readable key cluster-spark-defaults.conf',
      );
      expectFailure(runBootstrap(shell, root, ['launch', '../etc'], env(apiServer(200, files))), 64, 'is not a namespace name');
    });
  });

  describe('sync', () => {
    test('runs the real materializer: files from an env plan and a file plan, bytes and modes', () => {
      // GIVEN a plan: one file as two base64 chunks in env vars, one copied from a mounted file
      const content = Buffer.from('log4j2.rootLogger.level = info\n\u00e9\u0000binary\n');
      const b64 = content.toString('base64');
      const sha = crypto.createHash('sha256').update(content).digest('hex');
      const source = path.join(root.dir, 'configmap', 'spark-defaults.conf');
      fs.mkdirSync(path.dirname(source), { recursive: true });
      fs.writeFileSync(source, 'spark.ui.port 4040\n');
      const sourceSha = crypto.createHash('sha256').update('spark.ui.port 4040\n').digest('hex');
      const out = path.join(root.dir, `sync-${shell.command}`);
      const target = path.join(out, 'resources', 'log4j2.properties');
      const copied = path.join(out, 'conf', 'spark-defaults.conf');
      // WHEN the image runs `sync` with that plan
      const run = runBootstrap(
        shell,
        root,
        [
          'sync',
          ...planArguments([
            ['env', 'CFG', '2', sha, '0440', target],
            ['file', source, sourceSha, '0400', copied],
          ]),
        ],
        { CFG_0: b64.slice(0, 10), CFG_1: b64.slice(10) },
      );
      // THEN both files are in place with the exact bytes and modes
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('config-sync: 2 file(s) in place');
      expect(fs.readFileSync(target)).toEqual(content);
      expect(fs.statSync(target).mode & 0o777).toBe(0o440);
      expect(fs.readFileSync(copied, 'utf8')).toBe('spark.ui.port 4040\n');
      expect(fs.statSync(copied).mode & 0o777).toBe(0o400);
    });

    test("the materializer's failure is the exit status; nothing is written", () => {
      // GIVEN a plan whose checksum does not match the content
      const target = path.join(root.dir, `tampered-${shell.command}`, 'app.conf');
      // WHEN the image runs `sync`
      const run = runBootstrap(shell, root, ['sync', ...planArguments([['env', 'CFG', '1', '0'.repeat(64), '0444', target]])], {
        CFG_0: Buffer.from('x=1\n').toString('base64'),
      });
      // THEN exit 1 with the materializer's message, and no target
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('sha256 mismatch');
      expect(fs.existsSync(target)).toBe(false);
    });

    test('a plan of another format fails before anything is written', () => {
      // GIVEN a plan written for a newer materializer than the image's
      const target = path.join(root.dir, 'never', 'file');
      // WHEN the image runs it
      const [, , operations] = planArguments([['env', 'CFG', '1', '0'.repeat(64), '0444', target]]);
      const run = runBootstrap(shell, root, ['sync', 'version', `${Number(PLAN_VERSION) + 1}`, operations], { CFG_0: 'eA==' });
      // THEN exit 1 naming both formats and the way out, and no file
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`plan format ${Number(PLAN_VERSION) + 1}`);
      expect(run.stderr).toContain(`reads format ${PLAN_VERSION}`);
      expect(fs.existsSync(path.dirname(target))).toBe(false);
    });

    test('fields are split on tabs and line breaks only: names with spaces and glob characters arrive whole', () => {
      // GIVEN a folder where a glob would match, and a plan writing "a b*.conf" from env and copying "x ?.conf"
      const out = path.join(root.dir, `spaced-${shell.command}`);
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, 'a bc.conf'), 'decoy');
      const content = Buffer.from('k = v\n');
      const sha = crypto.createHash('sha256').update(content).digest('hex');
      const source = path.join(root.dir, 'source dir', 'x ?.conf');
      fs.mkdirSync(path.dirname(source), { recursive: true });
      fs.writeFileSync(source, content);
      const plan = planArguments([
        ['env', 'CFG', '1', sha, '0444', `${out}/a b*.conf`],
        ['file', source, sha, '0444', `${out}/copied x ?.conf`],
      ]);
      // WHEN the image runs it
      const run = runBootstrap(shell, root, ['sync', ...plan], { CFG_0: content.toString('base64') });
      // THEN both files are in place under exactly those names, and the decoy is untouched
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(fs.readdirSync(out).sort()).toEqual(['a b*.conf', 'a bc.conf', 'copied x ?.conf']);
      expect(fs.readFileSync(path.join(out, 'a b*.conf'))).toEqual(content);
      expect(fs.readFileSync(path.join(out, 'a bc.conf'), 'utf8')).toBe('decoy');
    });

    test("operations as separate arguments (format 1's layout) under this format are refused, nothing written", () => {
      const target = path.join(root.dir, 'never-split', 'file');
      const run = runBootstrap(shell, root, ['sync', 'version', PLAN_VERSION, 'env', 'CFG', '1', '0'.repeat(64), '0444', target], { CFG_0: 'eA==' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`plan: format ${PLAN_VERSION} has all its operations in one argument, got 6 arguments`);
      expect(fs.existsSync(path.dirname(target))).toBe(false);
    });

    test('sync wins over the role variable and execs the materializer with the plan', () => {
      // GIVEN an init container of an executor pod (role variable set) and a stand-in materializer
      // WHEN the image runs `sync`
      const run = runBootstrap(shell, root, ['sync', 'seed', '/my_project/resources', '/config'], {
        SPARK_TENANCY_MATERIALIZER: root.fakeMaterializer,
        [ROLE_ENV]: '1',
      });
      // THEN /bin/sh runs the materializer in place of the shell, with the plan only
      expectExec(run, [root.fakeMaterializer, 'seed', '/my_project/resources', '/config']);
    });

    test('materializer missing: exit 66', () => {
      // GIVEN no materializer at the configured path
      const nowhere = path.join(root.dir, 'nowhere', 'materialize.sh');
      // WHEN the image runs `sync`
      const run = runBootstrap(shell, root, ['sync'], { SPARK_TENANCY_MATERIALIZER: nowhere });
      // THEN exit 66 naming it
      expectFailure(run, 66, `config-sync materializer ${nowhere} is missing`);
    });
  });

  describe('unknown role', () => {
    test('exit 64 naming the role and listing the valid ones', () => {
      // GIVEN an arg that is no role
      // WHEN the image starts
      const run = runBootstrap(shell, root, ['spark-shell', '--master', 'local']);
      // THEN nothing runs; the message names the role and every valid one
      expectFailure(run, 64, /unknown role 'spark-shell'/);
      for (const role of ['engine', 'proxy', 'driver', 'sync', '`executor`', `$${ROLE_ENV}`]) {
        expect(run.stderr).toContain(role);
      }
    });
  });

  describe('check-scala.sh (build time)', () => {
    const jarsDir = (name: string, jars: readonly string[]) => {
      const dir = path.join(root.dir, `scala-${shell.command}-${name}`);
      fs.mkdirSync(dir, { recursive: true });
      for (const jar of jars) fs.writeFileSync(path.join(dir, jar), 'PK');
      return dir;
    };
    const checkScala = (sparkJars: string, appLib: string, version: string) => {
      const result = spawnSync(onPath(shell.command)!, [...shell.args, CHECK_SCALA, sparkJars, appLib, version], { encoding: 'utf8' });
      return { status: result.status, stderr: result.stderr };
    };

    test('matching Scala versions pass; jars without a Scala suffix are not judged', () => {
      // GIVEN Spark 3.5 (Scala 2.12) and an application with a _2.12 dependency and plain Java jars
      const spark = jarsDir('spark-212', ['spark-core_2.12-3.5.1.jar', 'scala-library-2.12.18.jar']);
      const app = jarsDir('app-212', ['my-project-1.0.jar', 'spark-sql-kafka-0-10_2.12-3.5.1.jar', 'guava-14.0.1.jar']);
      // WHEN checked against 2.12  THEN it passes silently
      expect(checkScala(spark, app, '2.12')).toEqual({ status: 0, stderr: '' });
    });

    test('an application jar for another Scala fails the build, naming every such jar', () => {
      // GIVEN Spark 4.0 (Scala 2.13) and an application built for 2.12
      const spark = jarsDir('spark-213', ['spark-core_2.13-4.0.0.jar']);
      const app = jarsDir('app-212-on-213', ['my-project-1.0.jar', 'delta-spark_2.12-3.2.0.jar', 'scala-library-2.12.18.jar']);
      // WHEN checked against 2.13
      const run = checkScala(spark, app, '2.13');
      // THEN exit 1 with one line per jar
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        'check-scala: delta-spark_2.12-3.2.0.jar is built for Scala 2.12; Spark in this image uses Scala 2.13: rebuild the application (and its feature steps) for Scala 2.13',
        'check-scala: scala-library-2.12.18.jar is built for Scala 2.12; Spark in this image uses Scala 2.13: rebuild the application (and its feature steps) for Scala 2.13',
      ]);
    });

    test('build args that disagree with the Spark image fail; no Spark jars is exit 66', () => {
      // GIVEN Spark 4.0's jars but SPARK_SCALA_VERSION left at 2.12, and an empty jars folder
      const spark = jarsDir('spark-400', ['spark-core_2.13-4.0.0.jar']);
      const none = jarsDir('no-spark', []);
      const app = jarsDir('app-plain', ['my-project-1.0.jar']);
      // WHEN checked
      // THEN each says what to fix
      expect(checkScala(spark, app, '2.12')).toEqual({
        status: 1,
        stderr: 'check-scala: Spark in this image is built for Scala 2.13, but SPARK_SCALA_VERSION is 2.12; set --build-arg SPARK_SCALA_VERSION=2.13\n',
      });
      expect(checkScala(none, app, '2.12')).toEqual({ status: 66, stderr: `check-scala: no spark-core_*.jar in ${none}\n` });
    });
  });

  test("the defaults are the image's paths", () => {
    // GIVEN none of the path variables set (this machine has no /my_project, /opt/entrypoint.sh, ...)
    const unset = {
      APP_HOME: undefined,
      SPARK_HOME: undefined,
      SPARK_ENTRYPOINT: undefined,
      SPARK_TENANCY_MATERIALIZER: undefined,
    };
    const exists = ['/my_project/lib', '/opt/entrypoint.sh', '/opt/spark-tenancy/materialize.sh'].filter(p => fs.existsSync(p));
    if (exists.length > 0) {
      console.warn(`defaults not checked: ${exists.join(', ')} exist on this machine`);
      return;
    }
    // WHEN each role starts
    const engine = runBootstrap(shell, root, [], unset);
    const driver = runBootstrap(shell, root, ['driver'], unset);
    const sync = runBootstrap(shell, root, ['sync'], unset);
    // THEN they look where the Dockerfile puts things
    expectFailure(engine, 66, 'no application jar (*.jar) in /my_project/lib');
    expectFailure(driver, 66, 'Spark entrypoint /opt/entrypoint.sh is missing');
    expectFailure(sync, 66, 'config-sync materializer /opt/spark-tenancy/materialize.sh is missing');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('shellcheck', () => {
  const have = onPath('shellcheck') !== undefined;
  if (!have) console.warn('shellcheck is not installed: the image scripts are not linted here (CI installs it)');
  const check = have ? test : test.skip;
  for (const script of [BOOTSTRAP, MATERIALIZER, CHECK_SCALA]) {
    const name = path.relative(REPO, script);
    check(`${name} is clean under shellcheck -s sh${have ? '' : ' (skipped: shellcheck not installed)'}`, () => {
      // GIVEN the script  WHEN shellcheck checks it as POSIX sh
      const result = spawnSync('shellcheck', ['-s', 'sh', script], { encoding: 'utf8' });
      // THEN no findings
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    });
  }

  test('every shellcheck disable in bootstrap.sh is justified in a comment', () => {
    // GIVEN bootstrap.sh  WHEN looking at its disable directives
    const directives = fs
      .readFileSync(BOOTSTRAP, 'utf8')
      .split('\n')
      .filter(l => l.includes('shellcheck disable'));
    // THEN each carries a reason after `#`
    for (const line of directives) expect(line).toMatch(/shellcheck disable=SC\d+(,SC\d+)* # \S/);
  });
});

// ---------------------------------------------------------------------------------------------------
// The Dockerfile cannot be built here (no Docker engine), so its instructions are checked by parsing.

/** Build args documented in docs/image.md's "Build args" table, with their defaults. */
function documentedArgs(): Map<string, string> {
  const doc = fs.readFileSync(IMAGE_DOC, 'utf8');
  const section = doc.split(/^## /m).find(s => s.startsWith('Build args'));
  expect(section).toBeDefined();
  const out = new Map<string, string>();
  for (const line of section!.split('\n')) {
    const m = /^\| `([A-Z0-9_]+)` \| (`([^`]*)`|\(empty\)) \|/.exec(line);
    if (m) out.set(m[1], m[3] ?? '');
  }
  return out;
}

describe('Dockerfile', () => {
  const { globalArgs, stages } = parseDockerfile(fs.readFileSync(DOCKERFILE, 'utf8'));
  const final = stages[stages.length - 1];
  const byName = (name: string): Stage => {
    const stage = stages.find(s => s.name === name);
    expect(stage).toBeDefined();
    return stage!;
  };

  test('global build args pin the images', () => {
    // GIVEN the args before the first FROM  THEN the images are pinned to the documented versions
    expect(Object.fromEntries(args(globalArgs))).toEqual({
      SPARK_VERSION: '3.5.1',
      SPARK_SCALA_VERSION: '2.12',
      SPARK_JAVA_VERSION: '17',
      SPARK_IMAGE: 'spark',
      SPARK_TAG_SUFFIX: '-scala${SPARK_SCALA_VERSION}-java${SPARK_JAVA_VERSION}-ubuntu',
      MAVEN_IMAGE: 'maven:3.9-eclipse-temurin-${SPARK_JAVA_VERSION}',
      BASE_IMAGE: 'eclipse-temurin:${SPARK_JAVA_VERSION}-jre-jammy',
    });
    expect(globalArgs.every(i => i.keyword === 'ARG')).toBe(true);
  });

  test('stages: build (Maven), spark (pinned official image), final (the JDK base)', () => {
    // GIVEN the FROM lines
    // THEN build uses MAVEN_IMAGE, spark the pinned Spark tag, the final stage BASE_IMAGE
    expect(byName('build').from).toBe('${MAVEN_IMAGE}');
    expect(byName('spark').from).toBe('${SPARK_IMAGE}:${SPARK_VERSION}${SPARK_TAG_SUFFIX}');
    expect(final.name).toBeUndefined();
    expect(final.from).toBe('${BASE_IMAGE}');
    // AND the build stage packages with Maven, skipping tests, with runtime dependencies collected
    const runs = byName('build')
      .instructions.filter(i => i.keyword === 'RUN')
      .map(i => i.args);
    const mvn = runs.find(r => /\bmvn\b/.test(r));
    expect(mvn).toMatch(/\bmvn -B -DskipTests\b.* package\b/);
    expect(mvn).toMatch(/dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=\/out\/lib/);
    // AND the source comes from the named context `app` (an empty stand-in stage by default)
    expect(byName('app').from).toBe('scratch');
    expect(copies(byName('build')).map(c => c.flags.from)).toEqual(['app', 'app']);
  });

  test('every build arg is documented in docs/image.md with its default, and nothing else is', () => {
    // GIVEN the ARGs of all stages (a global arg redeclared without a default keeps the global one)
    const declared = new Map(args(globalArgs));
    for (const stage of stages) {
      for (const [name, value] of args(stage.instructions)) if (value !== undefined || !declared.has(name)) declared.set(name, value);
    }
    // THEN the doc's table lists exactly those, with the same defaults
    expect(Object.fromEntries([...declared].map(([k, v]) => [k, v ?? '']))).toEqual(Object.fromEntries(documentedArgs()));
  });

  test('the Spark tag is derived from the Scala and Java versions, which only pair as the official images do', () => {
    // GIVEN the global args, expanded the way Docker expands them (earlier args in later defaults)
    const expand = (overrides: Record<string, string>) => {
      const values: Record<string, string> = {};
      for (const [name, value] of args(globalArgs)) {
        values[name] = overrides[name] ?? (value ?? '').replace(/\$\{(\w+)\}/g, (_, v: string) => values[v] ?? '');
      }
      return `${values.SPARK_IMAGE}:${values.SPARK_VERSION}${values.SPARK_TAG_SUFFIX} on ${values.BASE_IMAGE}, built with ${values.MAVEN_IMAGE}`;
    };
    // WHEN the defaults, Spark 3.3 (Java 11 only) and Spark 4.0 (Scala 2.13) are chosen
    // THEN each names a tag that exists (apache/spark-docker) and a JDK of the same Java version
    expect(expand({})).toBe('spark:3.5.1-scala2.12-java17-ubuntu on eclipse-temurin:17-jre-jammy, built with maven:3.9-eclipse-temurin-17');
    expect(expand({ SPARK_VERSION: '3.3.3', SPARK_JAVA_VERSION: '11' })).toBe(
      'spark:3.3.3-scala2.12-java11-ubuntu on eclipse-temurin:11-jre-jammy, built with maven:3.9-eclipse-temurin-11',
    );
    expect(expand({ SPARK_VERSION: '4.0.0', SPARK_SCALA_VERSION: '2.13' })).toBe(
      'spark:4.0.0-scala2.13-java17-ubuntu on eclipse-temurin:17-jre-jammy, built with maven:3.9-eclipse-temurin-17',
    );
    // AND the doc's matrix lists the pairs that exist
    const doc = fs.readFileSync(IMAGE_DOC, 'utf8');
    for (const row of [
      '| 3.3.x | 2.12 | 11 |',
      '| 3.4.0 | 2.12 | 11, 17 |',
      '| 3.4.1 to 3.4.4 | 2.12 | 11 |',
      '| 3.5.x | 2.12 | 11, 17 |',
      '| 4.0.x, 4.1.x | 2.13 | 17, 21 |',
    ]) {
      expect(doc).toContain(row);
    }
  });

  test("final stage: the Scala check runs over Spark's jars and the application's", () => {
    // GIVEN the final stage's RUN instructions
    const runs = final.instructions.filter(i => i.keyword === 'RUN').map(i => i.args);
    // THEN check-scala.sh (from the default context) reads the spark stage's jars and the build's
    const check = runs.find(r => r.includes('check-scala.sh'));
    expect(check).toContain('--mount=type=bind,source=check-scala.sh,target=/tmp/check-scala.sh');
    expect(check).toContain('--mount=type=bind,from=spark,source=/opt/spark/jars,target=/tmp/spark-jars');
    expect(check).toContain('--mount=type=bind,from=build,source=/out/lib,target=/tmp/app-lib');
    expect(check).toMatch(/sh \/tmp\/check-scala\.sh \/tmp\/spark-jars \/tmp\/app-lib "\$\{SPARK_SCALA_VERSION\}"$/);
  });

  test('final stage: OCI labels', () => {
    // GIVEN the LABEL instructions  THEN the standard OCI keys are there
    const labels = pairs(final.instructions, 'LABEL');
    for (const key of ['title', 'description', 'version', 'revision', 'source', 'licenses', 'base.name']) {
      expect(labels.has(`org.opencontainers.image.${key}`)).toBe(true);
    }
    expect(labels.get('org.opencontainers.image.base.name')).toBe('${BASE_IMAGE}');
  });
});
