import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { findObject, ManifestObject, parseManifest } from '../../src/testing';
import { objectNames } from '../../src/names';
import { PlatformSpec } from '../../src/platform-spec/types';
import { namespaceObjects } from '../../test/harness/pods';
import { E2eContext, REPO } from '../lib/context';
import { pointSpecAtKdc, startKdc } from '../lib/kdc';
import { writeKubeletHosts } from '../lib/kubelet-hosts';
import { containerView, materialize, PodJson } from '../lib/pod-view';
import { Daemons, HarnessError, run } from '../lib/processes';
import { synthInto, writeSpecVariant } from '../lib/spec-variants';
import { Tools } from '../lib/tools';

/** One Kerberos login the suite tried, in a pod as the package delivers it. */
export interface KerberosRow {
  namespace: string;
  pod: string;
  role: string;
  principal: string;
  /** Whether the login must succeed. */
  expected: boolean;
  login: boolean;
}

const SERVICE = 'hive/metastore.example.com';
const KDC_HOST = 'kdc.example.com';
const LOGIN_CLASS = 'dev.sparktenancy.e2e.KerberosLogin';
const POD_UID = 185;

/**
 * Kerberos for real: a real KDC (MIT krb5kdc) on a loopback address; the example's spec with its KDC
 * host aliased to that address (so kdc.example.com resolves only through the pod's host aliases) and the
 * exported keytab in the Secret; the engine pod's real config-sync in the kubelet-faithful sandbox as
 * uid 185; then, as uid 185, a JVM started with the engine container's JAVA_OPTS and the generated
 * spark.driver.extraJavaOptions, reading the pod's /etc/hosts as the kubelet writes it, that logs in
 * with Hadoop's UserGroupInformation.loginUserFromKeytab and gets a service ticket. Executors must have
 * no keytab (no login attempted), and three broken setups must fail naming the file or setting.
 */
export async function checkKerberos(ctx: E2eContext, daemons: Daemons, spark: Tools['spark'][number]): Promise<KerberosRow[]> {
  const rows: KerberosRow[] = [];
  const dir = path.join(ctx.work, 'kerberos');
  // The pod's files must be reachable by uid 185, as in a pod.
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(ctx.work, 0o711);
  fs.chmodSync(dir, 0o755);
  const example = parse(fs.readFileSync(path.join(REPO, 'platform.yaml'), 'utf8')) as PlatformSpec & {
    kerberos: { principal: string; keytab: string; krb5Conf: string };
  };
  const names = objectNames(example);
  const principal = example.kerberos.principal;
  const realm = principal.slice(principal.indexOf('@') + 1);
  const kdc = await startKdc(daemons, path.join(dir, 'kdc'), realm);
  const keytab = path.join(dir, 'kdc', 'platform.keytab');
  const otherKeytab = path.join(dir, 'kdc', 'other.keytab');
  kdc.addPrincipal(principal, keytab);
  kdc.addPrincipal(`${SERVICE}@${realm}`);
  kdc.addPrincipal(`someone-else/spark.example.com@${realm}`, otherKeytab);
  ctx.report.milestone(`a real KDC for ${realm} on ${kdc.address}:${kdc.port}, with ${principal}'s keytab exported`);

  // The example, with the KDC at the suite's own address: the spec's host alias is the only way to it.
  const specDir = path.join(dir, 'spec');
  const spec = writeSpecVariant(specDir, {
    rename: ns => ns,
    edit: s => {
      s.proxy.hostAliases = [{ ip: kdc.address, hostnames: [KDC_HOST] }];
      // This stage logs in as each pod from its generated spec: the executor's is its pod template. The
      // feature steps, which build it at launch instead, are checked in the Spark and jobs stages.
      s.delivery = 'podTemplates';
    },
  });
  pointSpecAtKdc(kdc, specDir, KDC_HOST, keytab);
  const dist = path.join(specDir, 'dist');
  synthInto(spec, dist);
  const jars = readableJars(spark, dir);

  const tenant = example.tenants[0].namespace;
  const objects = parseManifest(fs.readFileSync(path.join(dist, `${tenant}.k8s.yaml`), 'utf8'));
  const secretName = names.secret;
  const secrets = (bytes: Buffer) => new Map([[secretName, new Map([[example.kerberos.keytab, bytes]])]]);
  const enginePod = podOf(findObject(objects, 'Deployment', names.engineDeployment), tenant, 'engine');
  const executorPod = podOf(
    parse(String((findObject(objects, 'ConfigMap', names.sparkConfigMap).data as Record<string, string>)['executor-template.yaml'])),
    tenant,
    'executor',
  );

  const attempt = (label: string, pod: PodJson, role: string, expected: boolean, secret: Buffer, breakIt?: (root: string) => void, expectMessage?: RegExp) => {
    const root = path.join(dir, label.replace(/[^a-z0-9]+/gi, '-'));
    let view;
    try {
      view = containerView(pod, namespaceObjects(objects, secrets(secret)));
    } catch (error) {
      ctx.report.check(`Kerberos ${label}: config-sync runs`, false, (error as Error).message);
      return;
    }
    let login = false;
    let output: string;
    if (view.sync.status !== 0) {
      output = `config-sync failed: ${view.sync.stderr.trim()}`;
    } else {
      const relocate = materialize(view, root);
      run('chown', ['-R', `${POD_UID}:${POD_UID}`, root]);
      fs.chmodSync(root, 0o755);
      breakIt?.(root);
      const result = loginAsPod(pod, view, root, relocate, jars);
      login = result.status === 0;
      output = result.output;
    }
    rows.push({ namespace: tenant, pod: pod.metadata.name, role, principal, expected, login });
    const messageOk = expectMessage === undefined || expectMessage.test(output);
    ctx.report.check(
      `Kerberos ${label}: ${expected ? 'logs in and gets a service ticket' : 'does not log in'}${expectMessage ? ', saying why' : ''}`,
      login === expected && messageOk,
      output.trim().split('\n').slice(-4).join('\n'),
    );
  };

  const platformKeytab = fs.readFileSync(keytab);
  attempt('engine pod', enginePod, 'engine', true, platformKeytab);
  attempt('executor pod (no keytab)', executorPod, 'executor', false, platformKeytab, undefined, /no keytab at .*: login not attempted/);
  attempt(
    'engine pod, krb5.conf naming a host the pod cannot resolve',
    enginePod,
    'engine',
    false,
    platformKeytab,
    root => rewrite(root, '/tmp/krb5_conf/krb5.conf', text => text.replace(`${KDC_HOST}:${kdc.port}`, `kdc.unknown.example.com:${kdc.port}`)),
    /UnknownHostException: kdc\.unknown\.example\.com/,
  );
  attempt(
    'engine pod, keytab of another principal',
    enginePod,
    'engine',
    false,
    fs.readFileSync(otherKeytab),
    undefined,
    /failure to login: for principal: .* from keytab .*app\.keytab/,
  );
  attempt('engine pod, keytab the materializer may not read', withUnreadableSecret(enginePod), 'engine', false, platformKeytab, undefined, /app\.keytab/);
  return rows;
}

/** The pod as the kubelet would run it from a Deployment or a pod template. */
function podOf(o: ManifestObject | { spec: unknown }, namespace: string, name: string): PodJson {
  const spec =
    (o as { kind?: string }).kind === 'Deployment' ? (o.spec as { template: { spec: PodJson['spec'] } }).template.spec : (o as { spec: PodJson['spec'] }).spec;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec } as PodJson;
}

/** The Secret's files projected root-owned 0400 with no fsGroup: uid 185 cannot read them. */
function withUnreadableSecret(pod: PodJson): PodJson {
  const securityContext = { ...(pod.spec as { securityContext?: Record<string, unknown> }).securityContext, fsGroup: undefined };
  const volumes = (pod.spec.volumes ?? []).map(v => (v.projected ? { ...v, projected: { ...v.projected, defaultMode: 0o400 } } : v));
  return { ...pod, spec: { ...pod.spec, securityContext, volumes } as PodJson['spec'] };
}

function rewrite(root: string, podPath: string, edit: (text: string) => string): void {
  const file = path.join(root, podPath);
  fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
}

/** Spark's jars where uid 185 can read them (the tool cache is under root's home). */
function readableJars(spark: Tools['spark'][number], dir: string): string {
  const jars = path.join(dir, 'jars');
  if (run('cp', ['-al', path.join(spark.home, 'jars'), jars]).status !== 0) fs.cpSync(path.join(spark.home, 'jars'), jars, { recursive: true });
  const classes = path.join(dir, 'classes');
  const compiled = run('javac', [
    '-d',
    classes,
    '-cp',
    path.join(jars, '*'),
    path.join(REPO, 'e2e', 'kerberos', 'dev', 'sparktenancy', 'e2e', 'KerberosLogin.java'),
  ]);
  if (compiled.status !== 0) throw new HarnessError(`javac KerberosLogin: ${compiled.stderr}`);
  run('chmod', ['-R', 'a+rX', jars, classes]);
  return `${classes}:${path.join(jars, '*')}`;
}

/**
 * Starts the login JVM as the pod's main container would: uid 185 without capabilities, the
 * container's JAVA_OPTS and the generated spark.driver.extraJavaOptions (paths moved to where the test
 * laid the pod's files), and the pod's /etc/hosts as the kubelet writes it (its host aliases included).
 */
function loginAsPod(
  pod: PodJson,
  view: ReturnType<typeof containerView>,
  root: string,
  relocate: (t: string) => string,
  classpath: string,
): { status: number | null; output: string } {
  const container = pod.spec.containers[0];
  const env = Object.fromEntries((container.env ?? []).filter(e => e.value !== undefined).map(e => [e.name, e.value!]));
  const confDir = env.SPARK_CONF_DIR;
  const defaults = confDir ? view.files.get(`${confDir}/spark-defaults.conf`)?.bytes.toString('utf8') : undefined;
  // Executors get the driver's settings from the driver; their pod template holds only the path of krb5.conf.
  const props = new Map(
    (defaults ?? '')
      .split('\n')
      .filter(l => l && !l.startsWith('#'))
      .map(l => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]),
  );
  const principal = props.get('spark.kerberos.principal') ?? '';
  const keytab = props.get('spark.kerberos.keytab') ?? '/my_project/resources/kerberos/app.keytab';
  const authentication = props.get('spark.hadoop.hadoop.security.authentication') ?? 'simple';
  const javaOpts = [env.JAVA_OPTS ?? '', props.get('spark.driver.extraJavaOptions') ?? ''].join(' ').trim();
  const hosts = writeKubeletHosts(path.join(root, 'etc-hosts'), (pod.spec as { hostAliases?: { ip: string; hostnames: string[] }[] }).hostAliases ?? []);
  const args = [
    '--reuid',
    String(POD_UID),
    '--regid',
    String(POD_UID),
    '--groups',
    String(POD_UID),
    '--inh-caps=-all',
    '--bounding-set=-all',
    '--no-new-privs',
    'java',
    ...relocate(javaOpts).split(/\s+/).filter(Boolean),
    `-Djdk.net.hosts.file=${hosts}`,
    '-cp',
    classpath,
    LOGIN_CLASS,
    principal || `executor@${'NONE'}`,
    path.join(root, keytab.replace(/^local:\/\//, '')),
    authentication,
    `${SERVICE}@${principal.slice(principal.indexOf('@') + 1) || 'NONE'}`,
  ];
  const result = run('setpriv', args, { env: { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME, HOME: root }, timeout: 120_000 });
  return {
    status: result.status,
    output: `${result.stdout}\n${result.stderr
      .split('\n')
      .filter(l => /Exception|kerberos:/.test(l))
      .join('\n')}`,
  };
}
