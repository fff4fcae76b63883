import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BuiltImage, buildImage, IMAGE_LAYOUT } from '../lib/image';
import { HarnessError, run } from '../lib/processes';
import { Report } from '../lib/report';

/** One container run of the image: what it printed and how it ended. */
interface ContainerRun {
  readonly status: number | null;
  readonly output: string;
  readonly seconds: number;
}

const RUN_TIMEOUT_MS = 180_000;
/** Long enough for a JVM to start on a loaded machine; the proxy runs until stopped. */
const PROXY_RUN_MS = 30_000;

/**
 * The unified image, built here without a daemon (e2e/scripts/build-image.sh), then run without a
 * node: its OCI rootfs and runtime config unpacked by umoci, each container started by runc (the
 * runtime containerd uses) with the image's own user, env, working directory and entrypoint, in a
 * network namespace of its own with only loopback. So the Java runtime, Spark's jars, bootstrap.sh
 * and our Spark entrypoint are judged by a real Spark job before any kubelet runs the image.
 */
/** spark-tenancy's feature steps (spark-steps/), by the kind of step Spark must see each as. */
const FEATURE_STEPS = {
  driver: ['dev.sparktenancy.steps.EngineSetup', 'dev.sparktenancy.steps.EngineNamespaceFeature'],
  executor: ['dev.sparktenancy.steps.ExecutorSetup'],
};

export function checkImage(report: Report, work: string, ref: string, release?: string): BuiltImage {
  const dir = path.join(work, release === undefined ? 'image' : `image-${release.split(':')[0]}`);
  fs.mkdirSync(dir, { recursive: true });
  const image = buildImage(ref, path.join(dir, 'image.json'), release);
  const row = { ref: image.ref, digest: image.digest, spark: image.spark, bytes: image.bytes, cache: image.built ? ('cold' as const) : ('warm' as const) };
  if (release === undefined) report.data.image = row;
  else report.data.otherImages = [...(report.data.otherImages ?? []), row];
  const line = release === undefined ? '' : ` Spark ${image.spark}`;
  report.time(`image build${line} (${image.built ? 'cold' : 'warm'})`, image.seconds);
  report.check(
    `${image.ref} built as an OCI archive (${(image.bytes / 1048576).toFixed(0)} MiB, Spark ${image.spark}, ${image.digest})`,
    fs.existsSync(image.archive),
  );

  const bundle = unpack(image, dir);
  const runtime = readConfig(bundle);
  report.check(
    `the image's config runs ${IMAGE_LAYOUT.entrypoint.join(' ')} as uid ${IMAGE_LAYOUT.user.uid} in ${IMAGE_LAYOUT.workDir}`,
    JSON.stringify(runtime.process.args) === JSON.stringify(IMAGE_LAYOUT.entrypoint) &&
      runtime.process.user.uid === IMAGE_LAYOUT.user.uid &&
      runtime.process.cwd === IMAGE_LAYOUT.workDir,
    `runtime config: args ${JSON.stringify(runtime.process.args)}, uid ${runtime.process.user.uid}, cwd ${runtime.process.cwd}`,
  );

  const { name, uid, group, gid } = IMAGE_LAYOUT.user;
  const id = runContainer(bundle, runtime, ['/usr/bin/id'], {});
  report.check(
    `the image's user is ${name} (${uid}) in group ${group} (${gid})`,
    id.status === 0 && id.output.trim() === `uid=${uid}(${name}) gid=${gid}(${group}) groups=${gid}(${group})`,
    `id printed: ${id.output.trim()} (exit ${id.status})`,
  );

  // driver: what Spark's submission client starts in a cluster-mode driver pod (`driver` and
  // spark-submit's args), here with a local master: bootstrap.sh -> our entrypoint -> spark-submit
  // in client mode bound to SPARK_DRIVER_BIND_ADDRESS -> Spark's launcher -> the JVM -> the job.
  const driver = runContainer(
    bundle,
    runtime,
    [
      ...IMAGE_LAYOUT.entrypoint,
      'driver',
      '--master',
      'local[2]',
      '--conf',
      'spark.ui.enabled=false',
      '--class',
      image.testJob.mainClass,
      image.testJob.resource,
      '4',
    ],
    { SPARK_DRIVER_BIND_ADDRESS: '127.0.0.1' },
  );
  report.time(`image driver run${line}`, driver.seconds);
  report.check(
    `driver role: ${image.testJob.mainClass} runs on the image's Java and Spark jars and prints "Pi is roughly" (${driver.seconds.toFixed(1)} s)`,
    driver.status === 0 && /^Pi is roughly 3\.1\d*$/m.test(driver.output),
    `exit ${driver.status}\n${tail(driver.output)}`,
  );

  // executor: what Spark starts in an executor pod (the role variable set, the arg `executor`, the
  // SPARK_EXECUTOR_* env). No driver listens here (a real one comes with the node), so the backend
  // must get as far as connecting to the given driver URL: Spark's own class, found on the classpath
  // our entrypoint builds, with the arguments it builds from the env.
  const executor = runContainer(bundle, runtime, [...IMAGE_LAYOUT.entrypoint, 'executor'], {
    [IMAGE_LAYOUT.roleEnv]: 'true',
    SPARK_DRIVER_URL: 'spark://CoarseGrainedScheduler@127.0.0.1:9',
    SPARK_EXECUTOR_ID: '1',
    SPARK_EXECUTOR_CORES: '1',
    SPARK_APPLICATION_ID: 'spark-e2e-image',
    SPARK_EXECUTOR_POD_IP: '127.0.0.1',
    SPARK_RESOURCE_PROFILE_ID: '0',
    SPARK_EXECUTOR_POD_NAME: 'e2e-image-exec-1',
    SPARK_EXECUTOR_MEMORY: '256m',
    SPARK_JAVA_OPT_0: '-Dspark.tenancy.e2e.first=0',
    SPARK_JAVA_OPT_1: '-Dspark.driver.port=9',
  });
  // proxy: bootstrap.sh `proxy` runs the baked-in proxy main class, which must keep running (the
  // suite launches from inside the proxy pod), so it is stopped after it said so. Once per run: another
  // Spark line's image runs the same script and class, and its proxy pod runs on the node (the jobs).
  if (release === undefined) {
    const proxy = runContainer(bundle, runtime, [...IMAGE_LAYOUT.entrypoint, 'proxy'], {}, PROXY_RUN_MS);
    report.check(
      `proxy role: the proxy main class starts and keeps running (stopped after ${PROXY_RUN_MS / 1000} s)`,
      proxy.status === null && /^standin-proxy: serving port \d+$/m.test(proxy.output),
      `exit ${proxy.status}\n${tail(proxy.output)}`,
    );
  }

  report.check(
    'executor role: KubernetesExecutorBackend starts and tries the driver URL it was given',
    executor.status !== 0 &&
      /KubernetesExecutorBackend/.test(executor.output) &&
      /127\.0\.0\.1:9/.test(executor.output) &&
      !/ClassNotFoundException|Could not find or load main class/.test(executor.output),
    `exit ${executor.status}\n${tail(executor.output)}`,
  );

  // The feature steps (spark-steps/) on the image's Spark classpath, loaded as Spark's builders load a
  // class named in spark.kubernetes.{driver,executor}.pod.featureSteps.
  const expected = [...FEATURE_STEPS.driver.map(c => `driver ${c}`), ...FEATURE_STEPS.executor.map(c => `executor ${c}`)];
  const steps = runContainer(
    bundle,
    runtime,
    ['java', '-cp', `${IMAGE_LAYOUT.sparkJars}/*`, 'dev.sparktenancy.e2e.StepsLoad', ...FEATURE_STEPS.driver, ...FEATURE_STEPS.executor],
    {},
  );
  report.check(
    `feature steps: Spark ${image.spark} loads ${expected.length} steps from the image's Spark jars as its pod builders do`,
    steps.status === 0 && JSON.stringify(steps.output.trim().split('\n')) === JSON.stringify(expected),
    `exit ${steps.status}\n${tail(steps.output)}`,
  );
  return image;
}

interface Mount {
  destination: string;
  type: string;
  source: string;
  options: string[];
}

interface RuntimeConfig {
  process: { args: string[]; env: string[]; cwd: string; terminal?: boolean; user: { uid: number; gid: number } };
  mounts: Mount[];
  linux: { namespaces: { type: string; path?: string }[] };
  hostname?: string;
}

/** The archive's OCI layout unpacked by umoci into a runtime bundle (rootfs and config.json). */
function unpack(image: BuiltImage, dir: string): string {
  const layout = path.join(dir, 'oci');
  const bundle = path.join(dir, 'bundle');
  fs.mkdirSync(layout, { recursive: true });
  const untar = run('tar', ['--extract', '--file', image.archive, '--directory', layout]);
  if (untar.status !== 0) throw new HarnessError(`tar: ${untar.stderr}`);
  const unpacked = run('umoci', ['unpack', '--image', `${layout}:${image.tag}`, bundle]);
  if (unpacked.status !== 0) throw new HarnessError(`umoci unpack ${image.ref}: ${unpacked.stderr}`);
  fs.rmSync(layout, { recursive: true, force: true });
  return bundle;
}

function readConfig(bundle: string): RuntimeConfig {
  return JSON.parse(fs.readFileSync(path.join(bundle, 'config.json'), 'utf8')) as RuntimeConfig;
}

let runs = 0;

/**
 * Runs `args` in the bundle with runc, the image's config otherwise unchanged but for `env` added
 * an /etc/hosts, and the network: runc joins the network namespace it is started in, a new one (unshare) whose
 * only interface is loopback, so nothing run here reaches any other address. runc's state lives in
 * the bundle's folder; the container is deleted whatever happens.
 */
function runContainer(bundle: string, base: RuntimeConfig, args: readonly string[], env: Record<string, string>, timeoutMs = RUN_TIMEOUT_MS): ContainerRun {
  const id = `spark-tenancy-e2e-image-${process.pid}-${++runs}`;
  // As the kubelet does, an /etc/hosts that resolves the container's own hostname (Spark looks it up).
  const hostname = 'e2e-image';
  const hosts = path.join(path.dirname(bundle), 'hosts');
  fs.writeFileSync(hosts, `127.0.0.1\tlocalhost\n127.0.0.1\t${hostname}\n`);
  const config: RuntimeConfig = {
    ...base,
    hostname,
    mounts: [...base.mounts, { destination: '/etc/hosts', type: 'bind', source: hosts, options: ['rbind', 'ro'] }],
    process: { ...base.process, args: [...args], terminal: false, env: [...base.process.env, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)] },
    linux: { ...base.linux, namespaces: base.linux.namespaces.filter(n => n.type !== 'network') },
  };
  fs.writeFileSync(path.join(bundle, 'config.json'), JSON.stringify(config, null, 2));
  const state = path.join(path.dirname(bundle), 'runc-state');
  const started = Date.now();
  try {
    // spawnSync, not run(): a container stopped at its timeout is a result here, not an error.
    const result = spawnSync(
      'unshare',
      ['--net', '--', 'sh', '-c', 'ip link set lo up && exec runc --root "$1" run --bundle "$2" "$3"', 'sh', state, bundle, id],
      { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
    );
    if (result.error && result.status === null && result.signal === null) throw new HarnessError(`unshare/runc: ${result.error.message}`);
    const seconds = (Date.now() - started) / 1000;
    const timedOut = result.status === null ? `\n(stopped after ${timeoutMs / 1000} s)` : '';
    return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${timedOut}`, seconds };
  } finally {
    run('runc', ['--root', state, 'delete', '--force', id]);
  }
}

function tail(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
