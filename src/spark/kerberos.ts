import { Platform, PlatformFile } from '../platform-spec/platform';
import { KerberosSpec, Role } from '../platform-spec/types';

/**
 * Everything the package derives from the spec's `kerberos` section, in one module so that a reader
 * (or a KDC test) finds every Kerberos setting here:
 *
 * - `spark.kerberos.principal` and `spark.kerberos.keytab`: the driver logs in from the keytab and
 *   obtains delegation tokens for its executors (HadoopDelegationTokenManager). In cluster mode the
 *   keytab is written as `local://<path>`: the driver pod template already delivers it, and a plain
 *   path makes KerberosConfDriverFeatureStep upload the proxy's copy as a Secret
 *   `<prefix>-kerberos-keytab` (which the tenant RBAC does not allow). In client mode SparkSubmit
 *   logs in from the path itself and requires it to exist, so the engine's file has the plain path.
 * - `-Djava.security.krb5.conf=<delivered path>`: the JDK reads krb5.conf from that property or
 *   /etc/krb5.conf, never from KRB5_CONFIG.
 * - `spark.hadoop.hadoop.security.authentication kerberos`: without it UserGroupInformation treats
 *   the cluster as insecure, skips the keytab login and obtains no tokens.
 *
 * Executors never get the keytab (SPARK-25815: they authenticate with the driver's delegation
 * tokens); the spec checks refuse a keytab given to them.
 */

/** Spark's key for the principal and the keytab. */
export const KERBEROS_PRINCIPAL_KEY = 'spark.kerberos.principal';
export const KERBEROS_KEYTAB_KEY = 'spark.kerberos.keytab';
export const HADOOP_AUTHENTICATION_KEY = 'spark.hadoop.hadoop.security.authentication';
export const DRIVER_JAVA_OPTIONS_KEY = 'spark.driver.extraJavaOptions';
export const EXECUTOR_JAVA_OPTIONS_KEY = 'spark.executor.extraJavaOptions';

/** Keys the package sets when the spec has a `kerberos` section. */
export const KERBEROS_OWNED_KEYS: ReadonlyMap<string, string> = new Map([
  [KERBEROS_PRINCIPAL_KEY, 'kerberos.principal'],
  [KERBEROS_KEYTAB_KEY, 'kerberos.keytab'],
  [HADOOP_AUTHENTICATION_KEY, 'the kerberos section'],
]);

/** Roles that must receive each file the section names, and roles that must not. */
export const KERBEROS_FILE_ROLES = {
  keytab: { required: ['engine'] as readonly Role[], forbidden: ['executor'] as readonly Role[] },
  krb5Conf: { required: ['proxy', 'engine'] as readonly Role[], forbidden: [] as readonly Role[] },
} as const;

/** The files a `kerberos` section names, once the spec checks have passed. */
export interface KerberosFiles {
  readonly spec: KerberosSpec;
  readonly keytab: PlatformFile;
  readonly krb5Conf: PlatformFile;
}

/** The section's files, or undefined without a section. */
export function kerberosFiles(platform: Platform): KerberosFiles | undefined {
  const spec = platform.spec.kerberos;
  if (!spec) return undefined;
  const byName = (name: string) => {
    const file = platform.files.find(f => f.name === name);
    if (!file) throw new Error(`kerberos: no files[] entry is named "${name}"`);
    return file;
  };
  return { spec, keytab: byName(spec.keytab), krb5Conf: byName(spec.krb5Conf) };
}

/** Where a delivered file sits in the pod. */
export function deliveredPath(file: Pick<PlatformFile, 'mountPath' | 'name'>): string {
  return `${file.mountPath}/${file.name}`;
}

/** The JVM option that points the JDK at the delivered krb5.conf. */
export function krb5JavaOption(krb5Conf: Pick<PlatformFile, 'mountPath' | 'name'>): string {
  return `-Djava.security.krb5.conf=${deliveredPath(krb5Conf)}`;
}

/**
 * The JVM options a role's own process (not Spark's driver or executors) needs: the proxy's and the
 * engine's `JAVA_OPTS`. Empty without a section, or when the role does not receive krb5.conf.
 */
export function kerberosJavaOpts(platform: Platform, role: Role): string | undefined {
  const files = kerberosFiles(platform);
  if (!files || !files.krb5Conf.roles.includes(role)) return undefined;
  return krb5JavaOption(files.krb5Conf);
}

/**
 * The Spark properties the section derives for one deploy mode. `userOptions` are the spec's own
 * extraJavaOptions values: the krb5.conf option is appended to them, not put in their place.
 */
export function kerberosProperties(
  platform: Platform,
  deployMode: 'client' | 'cluster',
  userOptions: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const files = kerberosFiles(platform);
  if (!files) return {};
  const keytabPath = deliveredPath(files.keytab);
  const option = krb5JavaOption(files.krb5Conf);
  const withOption = (key: string) => [userOptions[key], option].filter(v => v !== undefined && v !== '').join(' ');
  const properties: Record<string, string> = {
    [KERBEROS_PRINCIPAL_KEY]: files.spec.principal,
    [KERBEROS_KEYTAB_KEY]: deployMode === 'cluster' ? `local://${keytabPath}` : keytabPath,
    [HADOOP_AUTHENTICATION_KEY]: 'kerberos',
    [DRIVER_JAVA_OPTIONS_KEY]: withOption(DRIVER_JAVA_OPTIONS_KEY),
  };
  if (files.krb5Conf.roles.includes('executor')) properties[EXECUTOR_JAVA_OPTIONS_KEY] = withOption(EXECUTOR_JAVA_OPTIONS_KEY);
  return properties;
}

/**
 * A keytab set through plain `spark.properties` (no `kerberos` section), rewritten for cluster mode:
 * an absolute path becomes `local://<path>`, so spark-submit does not upload it as a Secret.
 */
export function clusterModeKeytab(value: string): string {
  return value.startsWith('/') ? `local://${value}` : value;
}
