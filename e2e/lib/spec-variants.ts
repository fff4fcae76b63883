import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { writeFleetSpec } from '../../bench/fleet-spec';
import { REPO } from './context';
import { HarnessError, run } from './processes';

/**
 * The example spec (with its config/ files) copied into `dir`, then edited: every namespace and the
 * secret store renamed by `rename` (so variants can live in the same cluster), the Argo CD wiring dropped unless kept,
 * and `edit` applied to the plain object.
 */
export function writeSpecVariant(dir: string, options: {
  rename: (namespace: string) => string;
  keepArgoCd?: boolean;
  edit?: (spec: Record<string, any>) => void;
}): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(REPO, 'config'), path.join(dir, 'config'), { recursive: true });
  const spec = parseDocument(fs.readFileSync(path.join(REPO, 'platform.yaml'), 'utf8')).toJS() as Record<string, any>;
  spec.proxy.namespace = options.rename(spec.proxy.namespace);
  for (const tenant of spec.tenants) tenant.namespace = options.rename(tenant.namespace);
  // A ClusterSecretStore is cluster-wide: variants living in one cluster need their own, as their
  // namespaces do (an ExternalSecret synced from another variant's store keeps that content for its
  // whole refreshInterval).
  if (spec.secrets?.store) spec.secrets.store.name = options.rename(spec.secrets.store.name);
  if (!options.keepArgoCd) delete spec.gitops;
  options.edit?.(spec);
  const file = path.join(dir, 'platform.yaml');
  fs.writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

/** A fleet of `count` tenants cycling through the example's variants (the bench's generator). */
export function writeFleetVariant(dir: string, count: number): string {
  fs.mkdirSync(dir, { recursive: true });
  return writeFleetSpec(count, dir);
}

/** `npm run synth` of a spec into `outdir`, as a user runs it. */
export function synthInto(specFile: string, outdir: string): void {
  const result = run(process.execPath, [path.join(REPO, 'bin', 'synth.js')], {
    cwd: path.dirname(specFile),
    env: { ...process.env, SPARK_TENANCY_SPEC: specFile, CDK8S_OUTDIR: outdir },
  });
  if (result.status !== 0) throw new HarnessError(`synth of ${specFile} failed:\n${result.stderr}`);
}

/** Sizes of the jobs on a real node: every JVM of a tenant's jobs, several at a time, fit 2 cores and a shared machine. */
export const NODE_SIZES = {
  engine: { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } },
  proxy: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1536Mi' } },
  spark: {
    'spark.executor.instances': '1',
    'spark.executor.memory': '512m',
    'spark.executor.cores': '1',
    'spark.kubernetes.executor.request.cores': '100m',
  },
} as const;

/**
 * The example made to run on the suite's node: small requests (NODE_SIZES; tenants' own engine sizes
 * and Spark properties dropped, so every tenant runs the same small job), and every host alias (the
 * proxy's and the tenants') pointed at `address`, an address the suite itself serves, so that no pod
 * resolves a name to anything outside. Everything else is the example's (its keytab's
 * `decodingStrategy: Base64` included, which External Secrets Operator's controller needs).
 */
export function nodeSizedSpec(address: string): (spec: Record<string, any>) => void {
  const pointAt = (aliases: { ip: string; hostnames: string[] }[] | undefined) => aliases?.map(a => ({ ...a, ip: address }));
  return spec => {
    spec.engine = { ...spec.engine, resources: NODE_SIZES.engine };
    spec.proxy = { ...spec.proxy, resources: NODE_SIZES.proxy, hostAliases: pointAt(spec.proxy.hostAliases) };
    spec.spark = { ...spec.spark, properties: { ...spec.spark?.properties, ...NODE_SIZES.spark } };
    for (const tenant of spec.tenants) {
      delete tenant.engine;
      delete tenant.spark;
      if (tenant.hostAliases) tenant.hostAliases = pointAt(tenant.hostAliases);
    }
  };
}
