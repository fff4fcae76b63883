/**
 * The platform spec as users write it (`platform.yaml`, or a TypeScript object).
 * `platform.schema.json` is the machine-readable twin of these interfaces; keep both in step.
 */

/** Which pods receive a file. */
export type Role = 'proxy' | 'engine' | 'executor';

/** How file contents reach a pod: inline in the init container's env, or from the namespace's ConfigMap. */
export type Transport = 'env' | 'objects';

export const ROLES: readonly Role[] = ['proxy', 'engine', 'executor'];

export interface HostAliasSpec {
  readonly ip: string;
  readonly hostnames: string[];
}

export interface ResourceListSpec {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface ResourcesSpec {
  readonly requests?: ResourceListSpec;
  readonly limits?: ResourceListSpec;
}

export interface ProbeSpec {
  /** @default - the application port, 8011 */
  readonly port?: number;
  /** An HTTP path; without it the probe is a TCP check. */
  readonly path?: string;
  /** @default 10 */
  readonly initialDelaySeconds?: number;
  /** @default 10 */
  readonly periodSeconds?: number;
  /** @default 3 */
  readonly failureThreshold?: number;
}

export interface WorkloadSpec {
  /** @default 1 */
  readonly replicas?: number;
  /** @default - requests cpu 500m / memory 1Gi, limit memory 2Gi */
  readonly resources?: ResourcesSpec;
}

export interface EngineSpec extends WorkloadSpec {
  /** `false` turns the probe off. @default - TCP on 8011 */
  readonly readinessProbe?: ProbeSpec | false;
  /** `false` turns the probe off. @default - TCP on 8011, 60s initial delay */
  readonly livenessProbe?: ProbeSpec | false;
}

export interface SparkSpec {
  /** spark-defaults entries; tenants' values win over the platform's. */
  readonly properties?: Record<string, string>;
  /** Custom feature step classes Spark runs when it builds driver and executor pods. */
  readonly featureSteps?: {
    readonly driver?: string[];
    readonly executor?: string[];
  };
  /** Allows `properties` to replace keys the package sets itself. @default false */
  readonly override?: boolean;
}

export interface FileSpec {
  /** The file's name inside `mountPath`. */
  readonly name: string;
  /** Path of the content, relative to the spec file's folder. Optional for secret files held only by the cluster. */
  readonly source?: string;
  /** Absolute directory in the pod. */
  readonly mountPath: string;
  /** Pods that receive the file. */
  readonly roles: Role[];
  /** Comes from a Secret (never inline, never in Git). @default false */
  readonly secret?: boolean;
  /** Octal mode. @default "0444", "0400" for secret files */
  readonly mode?: string;
  /** ConfigMap / Secret key. @default - the name, with characters Kubernetes rejects replaced */
  readonly key?: string;
  /** Seed the volume from the image's copy of `mountPath` before writing files. @default false */
  readonly preserveImageContent?: boolean;
  /** Where the external secret store keeps the content (ExternalSecret `remoteRef`). @default - key = the file's key */
  readonly remoteRef?: { readonly key: string; readonly property?: string };
  /**
   * The content's format, checked by the init container for secret files (whose bytes synth never
   * sees): a keytab must start with 0x05 0x02. @default - "keytab" for a name ending in `.keytab`, otherwise none
   */
  readonly format?: 'keytab';
}

/**
 * What the platform team lets tenant entries do beyond the default trust boundary (README,
 * "Security model"). Everything here is an explicit opt-in for a rare case.
 */
export interface TenantPolicySpec {
  /**
   * Spark property keys a tenant may set although the package refuses them from tenants by default
   * (code, identity, traffic): exact keys, or prefixes ending in `*` (`spark.executorEnv.TZ`, `spark.sql.extensions`).
   * Keys the package sets itself stay refused. @default - none
   */
  readonly allowSparkProperties?: string[];
  /** Tenant `labels` may replace the labels the package puts on the Namespace. @default false */
  readonly allowLabelOverride?: boolean;
  /** Tenant entries may name `spark.featureSteps` (classes the proxy's spark-submit runs). @default false */
  readonly allowFeatureSteps?: boolean;
}

export interface TenantSpec {
  readonly namespace: string;
  /** @default - the platform's transport */
  readonly transport?: Transport;
  readonly spark?: SparkSpec;
  readonly engine?: EngineSpec;
  /** Added to the proxy's host aliases on this tenant's pods. */
  readonly hostAliases?: HostAliasSpec[];
  /** Extra labels on the tenant's Namespace. */
  readonly labels?: Record<string, string>;
}

export interface ProxySpec extends WorkloadSpec {
  readonly namespace: string;
  /** Copied onto every engine and executor pod. */
  readonly hostAliases?: HostAliasSpec[];
}

export interface SecretsSpec {
  /** Name of the Secret in each namespace that holds the secret files. @default "<name>-secrets" */
  readonly name?: string;
  /** With a store, each namespace gets an ExternalSecret (external-secrets.io) that creates the Secret. */
  readonly store?: {
    readonly name: string;
    /** @default "ClusterSecretStore" */
    readonly kind?: 'SecretStore' | 'ClusterSecretStore';
  };
  /** @default "1h" */
  readonly refreshInterval?: string;
}

export interface SecuritySpec {
  /** @default 185 (the uid of Spark's image) */
  readonly runAsUser?: number;
  /** @default 185 */
  readonly runAsGroup?: number;
  /** @default 185 */
  readonly fsGroup?: number;
  /** Pod Security admission level for tenant namespaces. @default "restricted" */
  readonly podSecurity?: 'restricted' | 'baseline' | 'privileged';
}

export interface ArgoCdSpec {
  /** Git repository that holds the committed `dist/`. */
  readonly repoURL: string;
  /** @default "HEAD" */
  readonly targetRevision?: string;
  /** @default "dist" */
  readonly path?: string;
  /** @default "default" */
  readonly project?: string;
  /** Namespace of Argo CD itself. @default "argocd" */
  readonly namespace?: string;
  /** One ApplicationSet for all namespaces, or one Application per namespace. @default "applicationset" */
  readonly mode?: 'applicationset' | 'applications';
}

export interface PlatformSpec {
  /** Prefix for object names. */
  readonly name: string;
  /** The one unified image: proxy, engine, executor. */
  readonly image: string;
  /** Env var present on executors; absent means engine. */
  readonly roleEnv: string;
  /** @default "env" */
  readonly transport?: Transport;
  readonly proxy: ProxySpec;
  /** Engine defaults; tenants override. */
  readonly engine?: EngineSpec;
  readonly spark?: SparkSpec;
  readonly security?: SecuritySpec;
  readonly secrets?: SecretsSpec;
  /** Emit secret files as plaintext Secrets (never in production). @default false */
  readonly allowPlaintextSecrets?: boolean;
  /**
   * Folder that every `source` must resolve inside, after following symbolic links; relative to the
   * spec's folder. @default - the spec's folder
   */
  readonly sourceRoot?: string;
  readonly files: FileSpec[];
  readonly tenants: TenantSpec[];
  /** What tenant entries may do beyond the default trust boundary. @default - nothing beyond it */
  readonly tenantPolicy?: TenantPolicySpec;
  readonly gitops?: { readonly argocd?: ArgoCdSpec };
}
