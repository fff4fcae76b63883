import * as fs from 'fs';
import type { SparkUnresolved } from './tools';

/** One row of the RBAC table: what a ServiceAccount may do, as the real API server decides. */
export interface RbacRow {
  serviceAccount: string;
  verb: string;
  resource: string;
  namespace: string;
  expected: boolean;
  allowed: boolean;
}

export interface SparkRow {
  version: string;
  tenant: string;
  mode: 'cluster' | 'client';
  ok: boolean;
  driverPods: number;
  executorPods: number;
}

export interface FilesRow {
  namespace: string;
  pod: string;
  role: string;
  files: number;
  ok: boolean;
}

/** A pod that ran on the suite's real node (rows from the node and jobs stages). */
export interface NodePodRow {
  namespace: string;
  pod: string;
  role: string;
  phase: string;
  /** Every file the pod's role declares is at its path with its bytes and mode, read inside the pod. */
  filesOk: boolean;
}

/** A Spark job on the real node: a proxy-launched SparkPi (cluster) or the engine's own job (client); seconds from its launch (cluster) or its namespace's apply (client) to its result. */
export interface JobRow {
  tenant: string;
  mode: 'cluster' | 'client';
  ok: boolean;
  seconds: number;
}

/** `e2e-report.json`: what ran for real and what it showed. Other tools read these fields. */
export interface E2eReport {
  kubernetes: string;
  objectsApplied: number;
  podsAdmitted: number;
  rbac: RbacRow[];
  spark: SparkRow[];
  /** Spark releases the suite would run but Maven could not resolve, and whether Maven said "not found" or failed otherwise. */
  sparkUnresolved: SparkUnresolved[];
  filesDelivered: FilesRow[];
  /** Absent when the run did not reach the helm stage (`--only`). */
  helm?: { lint: boolean; install: boolean; upgrade: boolean };
  /** Kerberos logins against the suite's real KDC, in pods as delivered (failure cases included). */
  kerberos: { namespace: string; pod: string; role: string; principal: string; expected: boolean; login: boolean }[];
  /** The real node, when the suite started one: its components' versions and the pods that ran on it. */
  node?: { kubelet: string; containerd: string; runc: string; image: string; pods: NodePodRow[] };
  /** Spark jobs run to completion on the node. */
  jobs: JobRow[];
  /** Launches the feature steps must refuse (in the proxy's real pod): whether spark-submit failed with the expected message and created no pod. */
  launchRefusals: { tenant: string; launch: string; ok: boolean; seconds: number }[];
  /** The unified image built here (e2e/scripts/build-image.sh): `cold` when this run built it. */
  image?: { ref: string; digest: string; spark: string; bytes: number; cache: 'cold' | 'warm' };
  /** The image built for each other Spark line the jobs run (a 4.x line). */
  otherImages?: { ref: string; digest: string; spark: string; bytes: number; cache: 'cold' | 'warm' }[];
  /** The GitOps stage: Argo CD's own controllers syncing the committed dist/ (absent when it did not run). */
  gitops?: {
    applications?: number;
    /** Seconds from the root Application's creation until every generated Application was Synced and Healthy. */
    secondsToAllHealthy?: number;
    resourcesCompared?: number;
    /** Resources OutOfSync after a hard refresh of a synced platform (0 expected). */
    perpetualDiffs?: number;
    /** Seconds until self-heal reverted each hand edit (undefined: not reverted in time). */
    selfHealSeconds?: Record<string, number | undefined>;
    tenantAddedSeconds?: number;
    /** What is left in a tenant namespace after its tenant was removed from the spec (objects of the platform, by kind). */
    removedTenantStays?: Record<string, number | string>;
    /** Per change: what Argo CD reported OutOfSync (or removed) and what `spark-tenancy plan` named, and how many of each the other missed. */
    planVersusArgoCd?: { change: string; reported: number; planned: number; missed: number; extra: number }[];
    /** The chart synced as a Helm source: its resources, and seconds to Synced and Healthy. */
    helmSourceResources?: number;
    helmSourceSeconds?: number;
    controllerPeakRssMiB?: number;
    repoServerPeakRssMiB?: number;
    /** The fleet synced by Argo CD: its size, seconds from its Argo CD file's apply to all Synced and to all Healthy, and the components' peak memory. */
    fleet?: {
      tenants: number;
      applications: number;
      secondsToSynced?: number;
      secondsToAllHealthy?: number;
      controllerPeakRssMiB?: number;
      applicationSetControllerPeakRssMiB?: number;
      repoServerPeakRssMiB?: number;
    };
  };
  /** `cold` when the tools had to be built in this run, `warm` when all came from the cache. */
  cache: 'cold' | 'warm';
  seconds: Record<string, number>;
  applies: { spec: string; namespaces: number; objects: number; seconds: number; ok: boolean }[];
  checks: { stage: string; name: string; ok: boolean; detail?: string }[];
}

/** Collects checks; a failed check prints the object, the rule and what the real component said. */
export class Report {
  readonly data: E2eReport = {
    kubernetes: '',
    objectsApplied: 0,
    podsAdmitted: 0,
    rbac: [],
    spark: [],
    sparkUnresolved: [],
    filesDelivered: [],
    kerberos: [],
    jobs: [],
    launchRefusals: [],
    cache: 'warm',
    seconds: {},
    applies: [],
    checks: [],
  };
  private stage = 'setup';

  begin(stage: string): void {
    this.stage = stage;
    console.log(`\n== e2e: ${stage}`);
  }

  /** Records a check; `detail` says what the real component answered when it fails. */
  check(name: string, ok: boolean, detail?: string): boolean {
    this.data.checks.push({ stage: this.stage, name, ok, ...(ok || detail === undefined ? {} : { detail }) });
    console.log(`${ok ? '  ok  ' : '  FAIL'} ${name}${ok || !detail ? '' : `\n${indent(detail)}`}`);
    return ok;
  }

  /**
   * Prints a step that cannot fail (a stage started, a tool built, a daemon came up) without counting
   * it: only what can fail counts toward `N passed`.
   */
  milestone(name: string): void {
    console.log(`  --   ${name}`);
  }

  time(stage: string, seconds: number): void {
    this.data.seconds[stage] = Math.round(seconds * 10) / 10;
  }

  get failed(): number {
    return this.data.checks.filter(c => !c.ok).length;
  }

  get passed(): number {
    return this.data.checks.filter(c => c.ok).length;
  }

  write(file: string): void {
    fs.writeFileSync(file, `${JSON.stringify(this.data, null, 2)}\n`);
  }

  /** The closing summary: one table, then the `N passed, N failed` line. */
  summary(): string {
    const d = this.data;
    const rows: [string, string][] = [
      ['Kubernetes', `${d.kubernetes} (${d.cache} cache)`],
      ...(d.image ? [['image', `${d.image.ref} ${d.image.digest} (${(d.image.bytes / 1048576).toFixed(0)} MiB, ${d.image.cache})`] as [string, string]] : []),
      ['objects applied', String(d.objectsApplied)],
      ['pods admitted', String(d.podsAdmitted)],
      ['RBAC rows as expected', `${d.rbac.filter(r => r.allowed === r.expected).length}/${d.rbac.length}`],
      ...d.spark.map((s): [string, string] => [`Spark ${s.version} ${s.mode} ${s.tenant}`,
        `${s.ok ? 'ok' : 'FAILED'}: ${s.driverPods} driver pod(s), ${s.executorPods} executor pod(s)`]),
      ['files delivered', `${d.filesDelivered.filter(f => f.ok).length}/${d.filesDelivered.length} pods, ${d.filesDelivered.reduce((n, f) => n + f.files, 0)} files`],
      ['Kerberos logins as expected', `${d.kerberos.filter(k => k.login === k.expected).length}/${d.kerberos.length} (${d.kerberos.filter(k => k.login).length} logged in)`],
      ...(d.node ? [['node', `${d.node.kubelet}; ${d.node.containerd}; ${d.node.image}`] as [string, string],
        ['pods on the node', `${d.node.pods.filter(p => p.phase === 'Succeeded' || p.phase === 'Running').length}/${d.node.pods.length} ran, `
          + `${d.node.pods.filter(p => p.filesOk).length} with every file, user, role variable and host alias as generated`] as [string, string]] : []),
      ...d.jobs.map((j): [string, string] => [`job ${j.mode} ${j.tenant}`, `${j.ok ? 'ok' : 'FAILED'} in ${j.seconds} s`]),
      ...(d.helm ? [['helm lint / install / upgrade', [d.helm.lint, d.helm.install, d.helm.upgrade].map(b => (b ? 'ok' : 'FAILED')).join(' / ')]] as [string, string][] : []),
      ...d.applies.map((a): [string, string] => [`apply ${a.spec}`, `${a.ok ? 'ok' : 'FAILED'}: ${a.namespaces} namespaces, ${a.objects} objects in ${a.seconds} s`]),
      ...Object.entries(d.seconds).map(([stage, s]): [string, string] => [`seconds: ${stage}`, String(s)]),
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    return [
      '',
      '== e2e summary',
      ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
      ...d.checks.filter(c => !c.ok).map(c => `failed: [${c.stage}] ${c.name}`),
      `e2e: ${this.passed} passed, ${this.failed} failed`,
    ].join('\n');
  }
}

function indent(text: string): string {
  return text.split('\n').map(line => `        ${line}`).join('\n');
}
