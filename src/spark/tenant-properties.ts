import { ownedSparkKeys } from './owned-keys';
import { PropertyProblem } from './spark-property-checks';

/**
 * The trust boundary for Spark properties in a tenant's entry (`tenants[].spark.properties`).
 *
 * Tenant teams edit their own entry, and their properties end up in the proxy's `spark-submit` file
 * for that tenant (run with the proxy's ServiceAccount, which may launch pods in every tenant
 * namespace) and in the engine's. So a tenant may not set what the package owns, nor anything that
 * moves traffic (where the ServiceAccount token goes), identity (whose credentials are used) or code
 * (what runs in the proxy, the driver or the executors). The platform team can let tenants set such
 * a key with `tenantPolicy.allowSparkProperties`; keys the package sets itself stay refused.
 */

/** Why a tenant may not set a key; undefined when it may. */
type Rule = (key: string, value: string) => string | undefined;

const ENV_PREFIXES = ['spark.executorEnv.', 'spark.kubernetes.driverEnv.'];
/** Environment variables that load code or choose identity in a JVM, the dynamic linker or Spark's scripts. */
const CODE_ENV = /^(LD_|JAVA_TOOL_OPTIONS$|_JAVA_OPTIONS$|JDK_JAVA_OPTIONS$|JAVA_OPTS$|JAVA_HOME$|CLASSPATH$|PATH$|SPARK_|HADOOP_|KRB5|PYTHON|PYSPARK_)/;
/** JVM options that load agents or code, run commands, or point Kerberos elsewhere. */
const CODE_JVM_OPTION =
  /(^|\s)(-javaagent|-agentpath|-agentlib|-Xbootclasspath|-XX:\+?On(Error|OutOfMemoryError)|-Djava\.security\.krb5|-Dsun\.security\.krb5)/;
/** Properties whose value is a list of files that spark-submit fetches, or uploads from the proxy. */
const FILE_LISTS = new Set(['spark.jars', 'spark.files', 'spark.archives', 'spark.submit.pyFiles', 'spark.pyFiles']);
/** Class names Spark loads and runs. */
const CODE_CLASSES = new Set([
  'spark.plugins',
  'spark.executor.plugins',
  'spark.extraListeners',
  'spark.sql.extensions',
  'spark.sql.queryExecutionListeners',
  'spark.sql.streaming.streamingQueryListeners',
  'spark.ui.filters',
  'spark.driver.extraClassPath',
  'spark.executor.extraClassPath',
  'spark.driver.extraLibraryPath',
  'spark.executor.extraLibraryPath',
  'spark.kubernetes.file.upload.path',
]);

const RULES: readonly Rule[] = [
  key => (key === 'spark.master' || key.endsWith('.master') ? "chooses the API server that spark-submit sends the proxy's ServiceAccount token to" : undefined),
  key =>
    key.startsWith('spark.kubernetes.authenticate.') || key === 'spark.kubernetes.trust.certificates'
      ? 'chooses the credentials (or the trust) the proxy and the engine use against the API server'
      : undefined,
  key => (key.startsWith('spark.kerberos.') ? 'chooses the Kerberos identity (principal, keytab) the platform authenticates as' : undefined),
  key => (/^spark\.kubernetes\.(driver|executor)\.(volumes|secrets|secretKeyRef)\./.test(key) ? 'mounts volumes or Secrets into the pods' : undefined),
  key => (/^spark\.kubernetes\.((driver|executor)\.)?container\.image$/.test(key) ? 'chooses the image the pods run' : undefined),
  key => (/^spark\.jars\./.test(key) ? 'makes spark-submit fetch code from repositories' : undefined),
  (key, value) => {
    if (!FILE_LISTS.has(key)) return undefined;
    const entry = value
      .split(',')
      .map(s => s.trim())
      .find(s => s !== '' && !s.startsWith('local:'));
    return entry === undefined
      ? undefined
      : `lists ${JSON.stringify(entry)}, which spark-submit would fetch (a remote URL) or upload from the proxy (a path); only local:// paths inside the image are allowed`;
  },
  key => (CODE_CLASSES.has(key) ? 'loads code into the driver or the executors' : undefined),
  (key, value) =>
    key.endsWith('.extraJavaOptions') && CODE_JVM_OPTION.test(value)
      ? `passes ${CODE_JVM_OPTION.exec(value)![2]}, which loads code or runs commands in the JVM or changes its Kerberos identity`
      : undefined,
  key => {
    const prefix = ENV_PREFIXES.find(p => key.startsWith(p));
    return prefix !== undefined && CODE_ENV.test(key.slice(prefix.length))
      ? `sets the environment variable ${key.slice(prefix.length)}, which loads code or chooses identity`
      : undefined;
  },
  key =>
    key === 'spark.authenticate' || /^spark\.(authenticate|ssl|network\.crypto|io\.encryption|redaction)\./.test(key)
      ? 'changes how Spark authenticates, encrypts or redacts secrets'
      : undefined,
];

/** What {@link checkTenantProperties} needs to know. */
export interface TenantPropertyOptions {
  readonly roleEnv: string;
  /** `tenantPolicy.allowSparkProperties`: exact keys or prefixes ending in `*`. */
  readonly allowed: readonly string[];
}

/** Every tenant property outside the trust boundary, in the order given. */
export function checkTenantProperties(props: Record<string, string>, opts: TenantPropertyOptions): PropertyProblem[] {
  const owned = ownedSparkKeys(opts.roleEnv);
  const allowed = (key: string) => opts.allowed.some(a => (a.endsWith('*') ? key.startsWith(a.slice(0, -1)) : key === a));
  const problems: PropertyProblem[] = [];
  for (const [key, value] of Object.entries(props)) {
    const origin = owned.get(key);
    if (origin !== undefined) {
      problems.push({ key, message: `"${key}" is set by the package from ${origin}; a tenant entry cannot replace it` });
      continue;
    }
    if (allowed(key)) continue;
    const why = RULES.map(rule => rule(key, value)).find(reason => reason !== undefined);
    if (why !== undefined) {
      problems.push({
        key,
        message:
          `a tenant entry may not set "${key}": it ${why}; ` + 'if the platform team trusts every tenant with it, list it in tenantPolicy.allowSparkProperties',
      });
    }
  }
  return problems;
}
