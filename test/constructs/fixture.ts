/**
 * The construct tests' own small platform: one proxy namespace, a text file, a binary file and a
 * secret file, built in code so each test states the few settings it is about.
 */
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { Platform, PlatformSpec, resolvePlatform } from '../../src';

export const SMALL_FIXTURE = path.join(__dirname, 'fixtures', 'small');

/** A parsed manifest object, read loosely. */
export type Json = Record<string, any>;

/** The small spec, with `extra` replacing its top-level fields. */
export function smallSpec(extra: Partial<PlatformSpec> = {}): PlatformSpec {
  return {
    name: 'small',
    image: 'registry.example.com/small:1.0.0',
    roleEnv: 'SMALL_EXECUTOR',
    proxy: { namespace: 'small-proxy' },
    files: [
      { name: 'app.properties', source: 'config/app.properties', mountPath: '/etc/small', roles: ['proxy', 'engine', 'executor'] },
      { name: 'blob.bin', source: 'config/blob.bin', mountPath: '/etc/small-data', roles: ['engine'] },
      { name: 'token', source: 'config/token', secret: true, mountPath: '/etc/small-secret', roles: ['proxy', 'engine'] },
    ],
    tenants: [{ namespace: 'alpha' }],
    ...extra,
  };
}

export function smallPlatform(extra: Partial<PlatformSpec> = {}): Platform {
  return resolvePlatform(smallSpec(extra), { baseDir: SMALL_FIXTURE });
}

/** The objects `build` puts into an empty chart, as `cdk8s synth` would write them. */
export function synthInChart(build: (chart: Chart) => void): Json[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart);
}

/** The one object of `kind` named `name`; fails the test when there is not exactly one. */
export function only(objects: readonly Json[], kind: string, name: string): Json {
  const found = objects.filter(o => o.kind === kind && o.metadata?.name === name);
  if (found.length !== 1)
    throw new Error(`expected one ${kind}/${name}, found ${found.length}: ${objects.map(o => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found[0];
}
