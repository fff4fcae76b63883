import * as path from 'path';
import { V1Pod } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { loadPlatformFile } from '../../src';
import { SPARK_RESERVED_VOLUMES, tenantPodTemplates } from '../../src/spark/pod-templates';
import { readConfigSyncCommand } from '../../src/sync/config-sync';
import { findObject, parseManifest, synthNamespaces } from '../../src/testing';

type Json = Record<string, any>;
/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const example = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));
/** Templates are written with `delivery: podTemplates` (for an image without the feature steps' jar). */
const platform = { ...example, spec: { ...example.spec, delivery: 'podTemplates' as const } };

describe('driver and executor pod templates', () => {
  const manifests = synthNamespaces(platform);
  // Each tenant's own Spark ConfigMap: the launcher reads both templates from it, the engine mounts the executor's.
  const templatesOf = (tenant: string) => {
    const data = (findObject(parseManifest(manifests.get(tenant)!), 'ConfigMap', 'my-project-spark') as Json).data;
    return { driver: parse(data['driver-template.yaml']) as Json, executor: parse(data['executor-template.yaml']) as Json };
  };

  test.each(platform.spec.tenants.map(t => t.namespace))("%s: both templates carry config-sync, host aliases and Spark's container names", tenant => {
    const { driver, executor } = templatesOf(tenant);
    for (const [pod, container] of [
      [driver, 'spark-kubernetes-driver'],
      [executor, 'spark-kubernetes-executor'],
    ] as const) {
      expect(pod.kind).toBe('Pod');
      expect(pod.spec.containers.map((c: Json) => c.name)).toEqual([container]);
      expect(pod.spec.initContainers.map((c: Json) => c.name)).toEqual(['config-sync']);
      expect(pod.spec.hostAliases.map((a: Json) => a.ip)).toEqual(expect.arrayContaining(['10.0.0.10', '10.0.0.20']));
      // Spark overwrites or rejects these, so the templates leave them out
      expect(pod.metadata.namespace).toBeUndefined();
      expect(pod.spec.restartPolicy).toBeUndefined();
      expect(pod.spec.containers[0].args).toBeUndefined();
      // No volume takes a name Spark adds itself
      for (const v of pod.spec.volumes) {
        expect(SPARK_RESERVED_VOLUMES).not.toContain(v.name);
        expect(v.name).not.toMatch(/^spark-local-dir-/);
      }
    }
  });

  test('user, group, runAsNonRoot and seccomp are set once on the pod (which Spark keeps), not again per container', () => {
    const { driver, executor } = templatesOf('team-a');
    for (const pod of [driver, executor]) {
      expect(pod.spec.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 185,
        runAsGroup: 185,
        fsGroup: 185,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      // what Pod Security "restricted" demands of each container itself, and nothing the pod already says
      for (const container of [...pod.spec.initContainers, ...pod.spec.containers]) {
        expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      }
    }
  });

  test('the role marker is on executors only, and executors keep their service account (both fields)', () => {
    const { driver, executor } = templatesOf('team-a');
    expect(executor.spec.containers[0].env).toContainEqual({ name: 'MY_PROJECT_EXECUTOR', value: 'true' });
    expect(JSON.stringify(driver)).not.toContain('MY_PROJECT_EXECUTOR');
    expect(driver.spec.serviceAccountName).toBe('my-project-engine');
    expect(driver.spec.automountServiceAccountToken).toBeUndefined();
  });

  test('executors run as their own ServiceAccount, without its token: user code gets no API rights', () => {
    // GIVEN the executor template of each tenant (the launcher and the engine read the same one)
    for (const executor of platform.spec.tenants.map(t => templatesOf(t.namespace).executor)) {
      // THEN both fields name the executor account (Spark 3.x keeps only the legacy one) and no token is mounted
      expect(executor.spec.serviceAccountName).toBe('my-project-executor');
      expect(executor.spec.serviceAccount).toBe('my-project-executor');
      expect(executor.spec.automountServiceAccountToken).toBe(false);
    }
  });

  test('executors never receive the keytab (SPARK-25815); the driver does', () => {
    // GIVEN the example: kerberos.keytab is app.keytab, for proxy and engine
    const { driver, executor } = templatesOf('team-a');
    // THEN only the driver's init container writes it, and only the driver has the Secret volume
    expect(JSON.stringify(executor)).not.toContain('app.keytab');
    expect(JSON.stringify(executor)).not.toContain('my-project-secrets');
    expect(readConfigSyncCommand(driver.spec.initContainers[0].command).operations).toContainEqual([
      'file',
      '/var/run/spark-tenancy/source/secret/app.keytab',
      'keytab',
      '0400',
      '/var/run/spark-tenancy/volumes/cfg-my-project-resources-kerberos/app.keytab',
    ]);
  });

  test("a tenant's own host aliases reach its templates only", () => {
    expect(templatesOf('team-c').executor.spec.hostAliases.map((a: Json) => a.ip)).toContain('10.0.3.5');
    expect(templatesOf('team-a').executor.spec.hostAliases.map((a: Json) => a.ip)).not.toContain('10.0.3.5');
  });

  test('each template reads back as a typed V1Pod with nothing lost', () => {
    const { ObjectSerializer, loadYaml } = require('@kubernetes/client-node');
    for (const template of Object.values(tenantPodTemplates(platform, platform.spec.tenants[0]))) {
      const typed = ObjectSerializer.deserialize(loadYaml(template.text), 'V1Pod') as V1Pod;
      expect(typed.spec?.initContainers?.[0].name).toBe('config-sync');
      expect(JSON.parse(JSON.stringify(ObjectSerializer.serialize(typed, 'V1Pod')))).toEqual(parse(template.text));
    }
  });
});
