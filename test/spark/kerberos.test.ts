import * as path from 'path';
import { loadPlatformFile, resolvePlatform } from '../../src';
import { kerberosJavaOpts, kerberosProperties } from '../../src/spark/kerberos';
import { PlatformSpec } from '../../src/platform-spec/types';

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const example = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));

/** The example with `change` applied to its spec. */
function exampleWith(change: (spec: PlatformSpec) => PlatformSpec) {
  return resolvePlatform(change(example.spec), { baseDir: EXAMPLE });
}

describe('kerberos section', () => {
  test('cluster mode: principal, keytab as local://, Hadoop authentication, krb5.conf for driver and executors', () => {
    // GIVEN the example: kerberos { principal, keytab: app.keytab, krb5Conf: krb5.conf }
    // WHEN the proxy's (cluster-mode) properties are derived
    const properties = kerberosProperties(example, 'cluster', {});
    // THEN the keytab is the driver pod's own copy, so spark-submit uploads nothing
    expect(properties).toEqual({
      'spark.kerberos.principal': 'my-project/spark.example.com@EXAMPLE.COM',
      'spark.kerberos.keytab': 'local:///my_project/resources/kerberos/app.keytab',
      'spark.hadoop.hadoop.security.authentication': 'kerberos',
      'spark.driver.extraJavaOptions': '-Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf',
      'spark.executor.extraJavaOptions': '-Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf',
    });
  });

  test('client mode: the keytab as a plain path (SparkSubmit logs in from it and requires it to exist)', () => {
    // WHEN the engine's (client-mode) properties are derived
    const properties = kerberosProperties(example, 'client', {});
    // THEN
    expect(properties['spark.kerberos.keytab']).toBe('/my_project/resources/kerberos/app.keytab');
  });

  test("the spec's own extraJavaOptions are kept, the krb5.conf option appended", () => {
    // GIVEN driver options in spark.properties
    const user = { 'spark.driver.extraJavaOptions': '-XX:+UseG1GC -Dx=1' };
    // WHEN derived
    const properties = kerberosProperties(example, 'client', user);
    // THEN both are there, the user's first
    expect(properties['spark.driver.extraJavaOptions']).toBe('-XX:+UseG1GC -Dx=1 -Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf');
    expect(properties['spark.executor.extraJavaOptions']).toBe('-Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf');
  });

  test('executors get no krb5.conf option when krb5.conf is not delivered to them', () => {
    // GIVEN krb5.conf for proxy and engine only
    const platform = exampleWith(spec => ({
      ...spec,
      files: spec.files.map(f => (f.name === 'krb5.conf' ? { ...f, roles: ['proxy', 'engine'] } : f)),
    }));
    // WHEN derived
    const properties = kerberosProperties(platform, 'cluster', {});
    // THEN only the driver's JVM (and the proxy's, the engine's JAVA_OPTS) point at it
    expect(properties['spark.executor.extraJavaOptions']).toBeUndefined();
    expect(properties['spark.driver.extraJavaOptions']).toBe('-Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf');
    expect(kerberosJavaOpts(platform, 'proxy')).toBe('-Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf');
    expect(kerberosJavaOpts(platform, 'executor')).toBeUndefined();
  });

  test('without a section nothing is derived', () => {
    // GIVEN the example without kerberos
    const platform = exampleWith(spec => ({ ...spec, kerberos: undefined }));
    // THEN no property and no JAVA_OPTS
    expect(kerberosProperties(platform, 'cluster', {})).toEqual({});
    expect(kerberosJavaOpts(platform, 'engine')).toBeUndefined();
  });
});
