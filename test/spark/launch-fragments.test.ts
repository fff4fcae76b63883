import * as path from 'path';
import { loadPlatformFile, Platform } from '../../src';
import { CARRY_DIR, carriedFiles, launchFragment } from '../../src/spark/launch-fragments';

/** The library tests' own copy of the example platform, delivering with the feature steps. */
const example = loadPlatformFile(path.join(__dirname, '..', 'fixtures', 'example', 'platform.yaml'));
const platform: Platform = { ...example, spec: { ...example.spec, delivery: 'featureSteps' } };
const tenant = (namespace: string) => platform.spec.tenants.find(t => t.namespace === namespace)!;

describe('launch fragments', () => {
  test("an env engine's files are read at launch from the proxy's own mounts, or from its carry folder for what the proxy does not hold", () => {
    // WHEN team-a's (env) engine fragment is built
    const fragment = launchFragment(platform, tenant('team-a'), 'engine');
    // THEN every non-secret engine file is carried inline, from where the proxy holds it
    expect(Object.fromEntries(fragment.inlineFiles.map(f => [path.basename(f.target), f.source]))).toEqual({
      'krb5.conf': '/tmp/krb5_conf/krb5.conf',
      'application.properties': '/my_project/resources/config/application.properties',
      'fair-scheduler.xml': `${CARRY_DIR}/fair-scheduler.xml`,
      'ranger-spark-security.xml': `${CARRY_DIR}/ranger-spark-security.xml`,
    });
    // AND the keytab is never inline: the plan reads it from the namespace's Secret
    const plan = (fragment.initContainer as { command: string[] }).command.join(' ');
    expect(plan).toContain('/var/run/spark-tenancy/source/secret/app.keytab\tkeytab');
    expect(fragment.inlineFiles.map(f => f.target).some(t => t.endsWith('app.keytab'))).toBe(false);
    // AND the launcher's host aliases are added at launch; the engine keeps its token (it launches executors)
    expect(fragment.launcherHostAliases).toBe(true);
    expect(fragment.automountServiceAccountToken).toBeUndefined();
  });

  test("the proxy carries exactly the engine files it does not hold (and none secret); the engine carries none of the example executors'", () => {
    expect(carriedFiles(platform, 'proxy').map(f => [f.key, f.mountPath, f.secret])).toEqual([
      ['fair-scheduler.xml', CARRY_DIR, false],
      ['ranger-spark-security.xml', CARRY_DIR, false],
    ]);
    expect(carriedFiles(platform, 'engine')).toEqual([]);
  });

  test("an executor fragment: krb5.conf from the engine's mount, no keytab, no token, the tenant's own aliases", () => {
    // WHEN team-c's (objects, own host alias) and team-a's (env) executor fragments are built
    const objects = launchFragment(platform, tenant('team-c'), 'executor');
    const env = launchFragment(platform, tenant('team-a'), 'executor');
    // THEN with objects nothing is carried inline (the plan reads the ConfigMap), with env krb5.conf from the engine
    expect(objects.inlineFiles).toEqual([]);
    expect(env.inlineFiles.map(f => f.source)).toEqual(['/tmp/krb5_conf/krb5.conf']);
    // AND neither mounts the keytab nor the ServiceAccount token
    for (const fragment of [objects, env]) {
      expect(JSON.stringify(fragment)).not.toContain('keytab');
      expect(fragment.automountServiceAccountToken).toBe(false);
    }
    // AND the tenant's own aliases are in its fragment (the engine's come from its hosts file at launch)
    expect(objects.hostAliases).toEqual([{ ip: '10.0.3.5', hostnames: ['warehouse.team-c.example.com'] }]);
    expect(env.hostAliases).toEqual([]);
  });
});
