import * as fs from 'fs';

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

/** A pod the suite's node ran, as seen from inside its main container (files, user, role variable, /etc/hosts). */
export interface NodePodRow {
  namespace: string;
  pod: string;
  role: 'proxy' | 'engine' | 'driver' | 'executor';
  /** The phase the pod was in when the suite last looked (Succeeded for a finished driver). */
  phase: string;
  filesOk: boolean;
}

/** One Spark job on the node: a proxy-launched SparkPi (cluster) or the engine's own job (client). */
export interface JobRow {
  tenant: string;
  mode: 'cluster' | 'client';
  ok: boolean;
  /** From the launch (cluster) or the namespace's apply (client) to the job's result. */
  seconds: number;
}

/** `e2e-report.json`: what ran for real and what it showed. Other tools read these fields. */
export interface E2eReport {
  kubernetes: string;
  objectsApplied: number;
  podsAdmitted: number;
  rbac: RbacRow[];
  spark: SparkRow[];
  /** Spark releases the suite would run but Maven could not resolve. */
  sparkUnresolved: string[];
  filesDelivered: FilesRow[];
  helm: { lint: boolean; install: boolean; upgrade: boolean };
  /** Kerberos logins against the suite's real KDC, in pods as delivered (failure cases included). */
  kerberos: { namespace: string; pod: string; role: string; principal: string; expected: boolean; login: boolean }[];
  /** `cold` when the tools had to be built in this run, `warm` when all came from the cache. */
  cache: 'cold' | 'warm';
  seconds: Record<string, number>;
  /** The real node: its components' versions and the pods it ran. */
  node: { kubelet: string; containerd: string; image: string; pods: NodePodRow[] };
  jobs: JobRow[];
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
    helm: { lint: false, install: false, upgrade: false },
    kerberos: [],
    cache: 'warm',
    seconds: {},
    node: { kubelet: '', containerd: '', image: '', pods: [] },
    jobs: [],
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
      ['objects applied', String(d.objectsApplied)],
      ['pods admitted', String(d.podsAdmitted)],
      ['RBAC rows as expected', `${d.rbac.filter(r => r.allowed === r.expected).length}/${d.rbac.length}`],
      ...d.spark.map((s): [string, string] => [`Spark ${s.version} ${s.mode} ${s.tenant}`,
        `${s.ok ? 'ok' : 'FAILED'}: ${s.driverPods} driver pod(s), ${s.executorPods} executor pod(s)`]),
      ['files delivered', `${d.filesDelivered.filter(f => f.ok).length}/${d.filesDelivered.length} pods, ${d.filesDelivered.reduce((n, f) => n + f.files, 0)} files`],
      ['Kerberos logins as expected', `${d.kerberos.filter(k => k.login === k.expected).length}/${d.kerberos.length} (${d.kerberos.filter(k => k.login).length} logged in)`],
      ['helm lint / install / upgrade', [d.helm.lint, d.helm.install, d.helm.upgrade].map(b => (b ? 'ok' : 'FAILED')).join(' / ')],
      ['node pods as generated', `${d.node.pods.filter(p => p.filesOk).length}/${d.node.pods.length}`],
      ...d.jobs.map((j): [string, string] => [`job ${j.mode} ${j.tenant}`, `${j.ok ? 'ok' : 'FAILED'} in ${j.seconds} s`]),
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
