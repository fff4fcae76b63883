import { Construct } from 'constructs';
import * as eso from '../../imports/external-secrets.io';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { DEFAULTS, Platform, PlatformFile, platformTransport } from '../platform-spec/platform';
import { DecodingStrategy, RemoteRefSpec, Role, SecretStoreKind, Transport } from '../platform-spec/types';
import { CONTENT_HASH_ANNOTATION, configMapContentHash } from '../spark/launch-fragments';
import { perPlatform } from '../platform-spec/per-platform';
import { readsFilesConfigMap } from '../sync/config-sync';

/**
 * The ExternalSecret API the package emits: `external-secrets.io/v1`, served by External Secrets
 * Operator from v0.16.0 (the minimum); v0.17.0 stopped serving `v1beta1`.
 */
export const EXTERNAL_SECRET_API_VERSION = eso.ExternalSecret.GVK.apiVersion;

// The spec keeps string literals (what a platform.yaml says); the generated types take enums. Each
// table is typed both ways, so a value the spec allows and the CRD does not fails to compile.
const DECODING_STRATEGIES: Readonly<Record<DecodingStrategy, eso.ExternalSecretSpecDataRemoteRefDecodingStrategy>> = {
  Auto: eso.ExternalSecretSpecDataRemoteRefDecodingStrategy.AUTO,
  Base64: eso.ExternalSecretSpecDataRemoteRefDecodingStrategy.BASE64,
  Base64URL: eso.ExternalSecretSpecDataRemoteRefDecodingStrategy.BASE64_URL,
  None: eso.ExternalSecretSpecDataRemoteRefDecodingStrategy.NONE,
};
const SECRET_STORE_KINDS: Readonly<Record<SecretStoreKind, eso.ExternalSecretSpecSecretStoreRefKind>> = {
  SecretStore: eso.ExternalSecretSpecSecretStoreRefKind.SECRET_STORE,
  ClusterSecretStore: eso.ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE,
};

export interface NamespaceConfigProps {
  /** The loaded platform, whose `files` are copied. */
  readonly platform: Platform;
  /** The namespace the ConfigMap and Secret (or ExternalSecret) go into. */
  readonly namespace: string;
  /** The roles whose pods run in this namespace; their files are stored here. */
  readonly roles: readonly Role[];
  /**
   * How the namespace's pods receive files: with `env` no pod reads the files ConfigMap, so it is not written.
   * @default - the platform's transport
   */
  readonly transport?: Transport;
  /**
   * Keys of the non-secret files the namespace's pods hold for the pods they launch (the proxy for
   * engines: src/spark/launch-fragments.ts), stored beside the roles' own.
   * @default - none
   */
  readonly carriedKeys?: readonly string[];
}

/**
 * The per-namespace copies of the spec's files: a ConfigMap with the non-secret files (where a pod reads
 * them from it: the `objects` transport) and, for the
 * secret ones, a reference the cluster resolves (an ExternalSecret), never their bytes. A plaintext
 * Secret is written only with `allowPlaintextSecrets: true`.
 */
export class NamespaceConfig extends Construct {
  /** Secret files the namespace needs, for docs and annotations. */
  public readonly secretFiles: readonly PlatformFile[];

  constructor(scope: Construct, id: string, props: NamespaceConfigProps) {
    super(scope, id);
    const { spec } = props.platform;
    const names = objectNames(spec);
    const files = props.platform.files.filter(f => f.roles.some(r => props.roles.includes(r)));
    this.secretFiles = files.filter(f => f.secret);

    const content = readsFilesConfigMap(props.transport ?? platformTransport(props.platform))
      ? filesConfigMapContent(props.platform, props.roles, props.carriedKeys)
      : undefined;
    if (content) {
      new k8s.KubeConfigMap(this, 'Files', {
        metadata: {
          name: names.filesConfigMap,
          namespace: props.namespace,
          labels: commonLabels(spec, 'config'),
          // What the proxy's namespace step compares before it launches an engine here (docs/feature-steps.md).
          annotations: { [CONTENT_HASH_ANNOTATION]: content.hash },
        },
        data: Object.keys(content.data).length > 0 ? content.data : undefined,
        binaryData: Object.keys(content.binaryData).length > 0 ? content.binaryData : undefined,
      });
    }

    if (this.secretFiles.length === 0) return;
    const metadata = { name: names.secret, namespace: props.namespace, labels: commonLabels(spec, 'config') };
    if (spec.allowPlaintextSecrets) {
      new k8s.KubeSecret(this, 'Secret', {
        metadata,
        type: 'Opaque',
        data: Object.fromEntries(this.secretFiles.map(f => [f.key, f.content!.toString('base64')])),
      });
    } else if (spec.secrets?.store) {
      new eso.ExternalSecret(this, 'ExternalSecret', {
        metadata,
        spec: {
          refreshInterval: spec.secrets.refreshInterval ?? DEFAULTS.secretRefreshInterval,
          secretStoreRef: { name: spec.secrets.store.name, kind: SECRET_STORE_KINDS[spec.secrets.store.kind ?? 'ClusterSecretStore'] },
          target: { name: names.secret, creationPolicy: eso.ExternalSecretSpecTargetCreationPolicy.OWNER },
          data: this.secretFiles.map(f => ({ secretKey: f.key, remoteRef: remoteRef(f.remoteRef ?? { key: f.key }) })),
        },
      });
    }
  }
}

/** A files ConfigMap's data, and the content hash its annotation carries. */
export interface FilesConfigMapContent {
  readonly data: Record<string, string>;
  readonly binaryData: Record<string, string>;
  readonly hash: string;
}

/**
 * The files ConfigMap's content for pods of `roles`, with its content hash; undefined when they have no
 * non-secret file. Every tenant of a transport has the same one, and both its ConfigMap and the proxy's
 * launch properties ask for it: built and hashed once per platform.
 */
export function filesConfigMapContent(platform: Platform, roles: readonly Role[], carriedKeys: readonly string[] = []): FilesConfigMapContent | undefined {
  return contents(platform, JSON.stringify([roles, carriedKeys]), () => buildFilesConfigMapContent(platform, roles, carriedKeys));
}

const contents = perPlatform<FilesConfigMapContent | undefined>();

function buildFilesConfigMapContent(platform: Platform, roles: readonly Role[], carriedKeys: readonly string[]): FilesConfigMapContent | undefined {
  const plain = platform.files.filter(f => !f.secret && (f.roles.some(r => roles.includes(r)) || carriedKeys.includes(f.key)));
  if (plain.length === 0) return undefined;
  // fromEntries defines every key as data, even one named like an Object.prototype member.
  const entries = plain.map(f => ({ key: f.key, ...configMapValue(f) }));
  const data = Object.fromEntries(entries.filter(e => e.text).map(e => [e.key, e.value]));
  const binaryData = Object.fromEntries(entries.filter(e => !e.text).map(e => [e.key, e.value]));
  return { data, binaryData, hash: configMapContentHash(data, binaryData) };
}

function remoteRef(ref: RemoteRefSpec): eso.ExternalSecretSpecDataRemoteRef {
  const { decodingStrategy, ...rest } = ref;
  return { ...rest, decodingStrategy: decodingStrategy && DECODING_STRATEGIES[decodingStrategy] };
}

/** How a file goes into a ConfigMap: as text under `data`, or base64 under `binaryData`. */
interface ConfigMapValue {
  readonly text: boolean;
  readonly value: string;
}

/** Every namespace carries the same files: decode each once. */
const configMapValues = new WeakMap<PlatformFile, ConfigMapValue>();

function configMapValue(file: PlatformFile): ConfigMapValue {
  let found = configMapValues.get(file);
  if (!found) {
    const text = isText(file.content!);
    found = { text, value: file.content!.toString(text ? 'utf8' : 'base64') };
    configMapValues.set(file, found);
  }
  return found;
}

/** UTF-8 text without control characters other than tab, newline and carriage return. */
function isText(content: Buffer): boolean {
  const text = content.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(content)) return false;
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}

/** The Namespace annotation naming the Secret and keys the cluster must hold: `<secret>: <key>, <key>`. */
export const REQUIRED_SECRET_ANNOTATION = 'spark-tenancy.dev/required-secret';

/**
 * Without a secret store the cluster must already hold the Secret; the Namespace says which one and
 * which keys, so a reviewer (and `kubectl describe ns`) can see what is expected.
 */
export function requiredSecretAnnotation(platform: Platform, roles: readonly Role[]): Record<string, string> | undefined {
  const { spec } = platform;
  const secretKeys = platform.files.filter(f => f.secret && f.roles.some(r => roles.includes(r))).map(f => f.key);
  if (secretKeys.length === 0 || spec.allowPlaintextSecrets || spec.secrets?.store) return undefined;
  return { [REQUIRED_SECRET_ANNOTATION]: `${objectNames(spec).secret}: ${secretKeys.join(', ')}` };
}
