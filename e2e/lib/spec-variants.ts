import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { writeFleetSpec } from '../../bench/fleet-spec';
import { REPO } from './context';
import { HarnessError, run } from './processes';

/**
 * The example spec (with its config/ files) copied into `dir`, then edited: every namespace renamed
 * by `rename` (so variants can live in the same cluster), the Argo CD wiring dropped unless kept,
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
