import { checkFeatureStepClasses } from '../../spark/feature-step-classes';
import { checkProperties } from '../../spark/spark-property-checks';
import { driverResourcesProblem } from '../../spark/driver-resources';
import { checkTenantProperties } from '../../spark/tenant-properties';
import type { PlatformSpec, ResourcesSpec, SparkSpec } from '../types';
import type { Segments, Report } from './report';

/* Spark properties and feature steps, platform-wide and per tenant, and the engine resources Spark's driver is sized from. */

export function checkSpark(spark: SparkSpec | undefined, where: Segments, owned: ReadonlyMap<string, string>, report: Report): void {
  if (!spark) return;
  for (const p of checkProperties(spark.properties ?? {}, { owned, allowOverride: spark.override === true })) {
    report([...where, 'properties', p.key], p.message, true);
  }
  for (const role of ['driver', 'executor'] as const) {
    for (const p of checkFeatureStepClasses(spark.featureSteps?.[role] ?? [])) {
      report([...where, 'featureSteps', role, p.index], p.message);
    }
  }
}

/** The driver properties are derived from the engine's resources; memory too small for Spark's overhead cannot be. */
export function checkEngineResources(spec: PlatformSpec, report: Report): void {
  const check = (resources: ResourcesSpec | undefined, where: Segments) => {
    const problem = driverResourcesProblem(resources);
    if (problem === undefined) return;
    const limit = resources?.limits?.memory !== undefined;
    report([...where, 'resources', limit ? 'limits' : 'requests', 'memory'], problem);
  };
  check(spec.engine?.resources, ['engine']);
  spec.tenants.forEach((t, i) => check(t.engine?.resources, ['tenants', i, 'engine']));
}

/**
 * A tenant's Spark settings: the same syntax checks as the platform's, then the trust boundary
 * (src/spark/tenant-properties.ts). A tenant cannot opt itself in: `spark.override` is the platform's,
 * and feature steps (classes the proxy's spark-submit runs) need `tenantPolicy.allowFeatureSteps`.
 */
export function checkTenantSpark(spark: SparkSpec | undefined, where: Segments, spec: PlatformSpec, owned: ReadonlyMap<string, string>, report: Report): void {
  if (!spark) return;
  const policy = spec.tenantPolicy ?? {};
  // One problem per key: a key outside the boundary needs no "did you mean" on top.
  const outside = checkTenantProperties(spark.properties ?? {}, { roleEnv: spec.roleEnv, allowed: policy.allowSparkProperties ?? [] });
  const refused = new Set(outside.map(p => p.key));
  const syntax = checkProperties(spark.properties ?? {}, { owned: new Set(), allowOverride: false }).filter(p => !refused.has(p.key));
  for (const p of [...syntax, ...outside]) report([...where, 'properties', p.key], p.message, true);
  if (spark.override !== undefined) {
    report(
      [...where, 'override'],
      "a tenant entry cannot set spark.override (keys the package sets stay the package's); " +
        'the platform team lists what tenants may set in tenantPolicy.allowSparkProperties',
      true,
    );
  }
  const steps = spark.featureSteps;
  if (steps !== undefined && policy.allowFeatureSteps !== true) {
    report(
      [...where, 'featureSteps'],
      "a tenant entry may not choose feature step classes (code that the proxy's spark-submit runs " +
        'with its ServiceAccount); set them in spark.featureSteps at platform level, or set tenantPolicy.allowFeatureSteps: true',
      true,
    );
  } else {
    checkSpark({ featureSteps: steps }, where, owned, report);
  }
}
