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
  /**
   * Mount the file's directory read-write in the main container, for an application that writes next
   * to its configuration (a policy cache, say). Any writable file makes its whole mountPath writable.
   * @default false
   */
  readonly writable?: boolean;
  /**
   * The content's format, checked by the init container for secret files (whose bytes synth never
   * sees): a keytab must start with 0x05 0x02. @default - "keytab" for a name ending in `.keytab`, otherwise none
   */
  readonly format?: 'keytab';
  /** Where the external secret store keeps the content (ExternalSecret `remoteRef`). @default - key = the file's key */
  readonly remoteRef?: RemoteRefSpec;
}

/** How External Secrets Operator decodes a value from the store (`remoteRef.decodingStrategy` of external-secrets.io/v1). */
export type DecodingStrategy = 'Auto' | 'Base64' | 'Base64URL' | 'None';

/** Where the secret store keeps one secret file: an ExternalSecret's `spec.data[].remoteRef`. */
export interface RemoteRefSpec {
  /** The key (path) in the store. */
  readonly key: string;
  /** The property of a map value (e.g. one field of a Vault KV secret). @default - the whole value */
  readonly property?: string;
  /** The version of the value, where the store has versions. @default - the latest */
  readonly version?: string;
  /**
   * How ESO decodes the value before it goes into the Secret: a binary file (a keytab) kept as base64
   * text in a store that holds only text needs `Base64`, or it arrives as that text. @default "None"
   */
  readonly decodingStrategy?: DecodingStrategy;
}

/**
 * What the platform team lets tenant entries do beyond the default trust boundary (docs/security.md,
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

/**
 * `ResourceQuota.spec.hard` of a tenant namespace: the resources all its pods together may take.
 * Keys as Kubernetes names them; values are quantities ("0" forbids).
 */
export interface QuotaHardSpec {
  readonly 'requests.cpu'?: string;
  readonly 'requests.memory'?: string;
  readonly 'limits.cpu'?: string;
  readonly 'limits.memory'?: string;
  readonly pods?: string;
  readonly 'services.loadbalancers'?: string;
  readonly 'services.nodeports'?: string;
  readonly persistentvolumeclaims?: string;
  readonly 'requests.storage'?: string;
}

/** A LimitRange for containers: what a container that sets nothing gets, and the most one may take. */
export interface LimitRangeSpec {
  /** Limits of containers that set none. @default - memory 2Gi; cpu only when the quota constrains limits.cpu (the executors' cpu request) */
  readonly default?: ResourceListSpec;
  /** Requests of containers that set none. @default - cpu 500m, memory 1Gi */
  readonly defaultRequest?: ResourceListSpec;
  /** The most one container may request or limit. @default - none */
  readonly max?: ResourceListSpec;
}

/** Traffic into tenant namespaces beyond what the platform itself needs (docs/security.md, Network policies). */
export interface NetworkSpec {
  /** Namespaces whose pods may reach the engines' Spark UI (4040). @default - the proxy namespace */
  readonly sparkUiFrom?: string[];
  /**
   * The external endpoints tenant pods may reach (KDC, HDFS, metastore, Ranger). Declaring any turns
   * on egress isolation: tenant pods may then reach only these, their own namespace, the cluster's
   * DNS and the API server. @default - none (egress not restricted)
   */
  readonly egress?: EgressSpec[];
  /** The API server's address for egress rules (a NetworkPolicy cannot select it); required with `egress`. */
  readonly apiServer?: { readonly cidr: string; readonly port: number };
}

/** One external endpoint tenant pods may connect to. */
export interface EgressSpec {
  /** What it is, for people (e.g. `kdc`). */
  readonly name: string;
  /** Its addresses, as a CIDR (`10.0.0.10/32`). */
  readonly cidr: string;
  /** TCP ports. */
  readonly ports: number[];
}

/** A tenant's network additions. */
export interface TenantNetworkSpec {
  /** Endpoints this tenant's pods may reach besides the platform's `network.egress`. */
  readonly egress?: EgressSpec[];
}

/** Guardrails of a tenant namespace: its ResourceQuota and LimitRange. */
export interface QuotaSpec {
  /** Merged key by key over the package's default (`services.loadbalancers: 0`, `services.nodeports: 0`). */
  readonly hard?: QuotaHardSpec;
  readonly limitRange?: LimitRangeSpec;
}

export interface TenantSpec {
  readonly namespace: string;
  readonly network?: TenantNetworkSpec;
  /** Replaces the platform's quota key by key (and LimitRange values one by one). @default - the platform's */
  readonly quota?: QuotaSpec;
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

/** Which kind of External Secrets Operator store `secrets.store.name` names: one in the namespace, or cluster-wide. */
export type SecretStoreKind = 'SecretStore' | 'ClusterSecretStore';

export interface SecretsSpec {
  /** Name of the Secret in each namespace that holds the secret files. @default "<name>-secrets" */
  readonly name?: string;
  /** With a store, each namespace gets an ExternalSecret (external-secrets.io) that creates the Secret. */
  readonly store?: {
    readonly name: string;
    /** @default "ClusterSecretStore" */
    readonly kind?: SecretStoreKind;
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
  /** Argo CD project of the Applications; one that exists in Argo CD already. @default - an AppProject the package generates, named after the platform */
  readonly project?: string;
  /** Namespace of Argo CD itself. @default "argocd" */
  readonly namespace?: string;
  /** One ApplicationSet for all namespaces, or one Application per namespace. @default "applicationset" */
  readonly mode?: 'applicationset' | 'applications';
}

/**
 * Kerberos for Spark, from files the spec already delivers: the package derives `spark.kerberos.*`,
 * `-Djava.security.krb5.conf` and `hadoop.security.authentication` (src/spark/kerberos.ts).
 */
export interface KerberosSpec {
  /** The platform's principal, `name@REALM`. */
  readonly principal: string;
  /** Name of the `files` entry with the principal's keytab: a secret file for the engine role, never for executors. */
  readonly keytab: string;
  /** Name of the `files` entry with krb5.conf, for the proxy and engine roles (and executors if they talk Kerberos). */
  readonly krb5Conf: string;
}

/** Where the materializer script comes from (see `PlatformSpec.materializer`). */
export type Materializer = 'image' | 'inline';

/** How Spark adds the platform's parts to the pods it creates (see `PlatformSpec.delivery`). */
export type Delivery = 'featureSteps' | 'podTemplates';

export interface PlatformSpec {
  /** Prefix for object names. */
  readonly name: string;
  /** The one unified image: proxy, engine, executor. */
  readonly image: string;
  /** Env var present on executors; absent means engine. */
  readonly roleEnv: string;
  /** @default "env" */
  readonly transport?: Transport;
  /**
   * Where the `config-sync` init container's script comes from: the image's `/opt/bootstrap.sh sync`
   * (the unified image ships it), or inlined into every pod spec for an image without it. @default "image"
   */
  readonly materializer?: Materializer;
  /**
   * How the pods Spark creates (engines the proxy launches, executors) get the config-sync init
   * container, the files and the host aliases: spark-tenancy's feature steps, which the unified image
   * carries and which read the files and host aliases of the launching pod at launch, or pod templates
   * written into every tenant's configuration, for an image without the steps' jar. @default "featureSteps"
   */
  readonly delivery?: Delivery;
  readonly proxy: ProxySpec;
  /** Engine defaults; tenants override. */
  readonly engine?: EngineSpec;
  readonly spark?: SparkSpec;
  readonly security?: SecuritySpec;
  readonly secrets?: SecretsSpec;
  /** Emit secret files as plaintext Secrets (never in production). @default false */
  readonly allowPlaintextSecrets?: boolean;
  /** Kerberos wiring derived from `files` entries. @default - none (plain `spark.properties` still work) */
  readonly kerberos?: KerberosSpec;
  /**
   * Folder that every `source` must resolve inside, after following symbolic links; relative to the
   * spec's folder. @default - the spec's folder
   */
  readonly sourceRoot?: string;
  readonly files: FileSpec[];
  readonly tenants: TenantSpec[];
  /** Each tenant namespace's ResourceQuota and LimitRange; tenants override. @default - no load balancers, no node ports */
  readonly quota?: QuotaSpec;
  /** Each tenant namespace's NetworkPolicies: default-deny ingress, then only the platform's flows. */
  readonly network?: NetworkSpec;
  /** What tenant entries may do beyond the default trust boundary. @default - nothing beyond it */
  readonly tenantPolicy?: TenantPolicySpec;
  readonly gitops?: { readonly argocd?: ArgoCdSpec };
}
