import * as k8s from '../../imports/k8s';
import { objectNames } from '../names';
import { filesFor, Platform } from '../platform-spec/platform';
import { HostAliasSpec, Role, TenantSpec, Transport } from '../platform-spec/types';
import { buildConfigSync, LaunchInlineFile, SyncFile } from '../sync/config-sync';
import { restrictedSecurity } from './security';

/** Everything that differs between the proxy, engine, driver and executor pods. */
export interface RolePodProps {
  readonly platform: Platform;
  /** The tenant whose namespace the pod runs in. @default - the proxy namespace */
  readonly tenant?: TenantSpec;
  /** Which spec files the pod receives. */
  readonly role: Role;
  readonly transport: Transport;
  /** For messages: `engine Deployment in team-a`. */
  readonly podDescription: string;
  /** The main container; image, security context and file mounts are added. */
  readonly container: Omit<k8s.Container, 'image'>;
  /** @default - the namespace's default ServiceAccount */
  readonly serviceAccountName?: string;
  /** Mount the ServiceAccount's token. @default - true with a serviceAccountName, false without */
  readonly mountServiceAccountToken?: boolean;
  /** Also set the deprecated `serviceAccount` field: Spark 3.x keeps a template's account only then. @default false */
  readonly legacyServiceAccountField?: boolean;
  /** Volumes beyond the file volumes, with their mounts in the main container. @default - none */
  readonly extraVolumes?: readonly k8s.Volume[];
  readonly extraVolumeMounts?: readonly k8s.VolumeMount[];
  /** Files beyond the role's own that the pod holds for the pods it launches (src/spark/launch-fragments.ts). @default - none */
  readonly carriedFiles?: readonly SyncFile[];
  /** Leave the inline files to the feature step that launches the pod (see `buildConfigSync`). @default false */
  readonly inlineAtLaunch?: boolean;
}

/** A role's pod spec, with what the config-sync parts decided. */
export interface RolePod {
  readonly spec: k8s.PodSpec;
  readonly checksum: string;
  /** With `inlineAtLaunch`, the files the launching step carries inline. */
  readonly launchInline: LaunchInlineFile[];
}

/** The pod spec of one role: restricted security, host aliases, the config-sync init container and its volumes. */
export function buildRolePod(props: RolePodProps): RolePod {
  const { platform, tenant } = props;
  const security = restrictedSecurity(platform.spec);
  const names = objectNames(platform.spec);
  const files: SyncFile[] = [...filesFor(platform, props.role), ...(props.carriedFiles ?? [])];
  const sync = buildConfigSync({
    files,
    transport: props.transport,
    image: platform.spec.image,
    sources: { filesConfigMap: names.filesConfigMap, secret: names.secret },
    securityContext: security.container,
    podDescription: props.podDescription,
    materializer: platform.spec.materializer,
    inlineAtLaunch: props.inlineAtLaunch,
  });
  const hostAliases = mergeHostAliases(platform.spec.proxy.hostAliases, tenant?.hostAliases);
  const spec: k8s.PodSpec = {
    serviceAccountName: props.serviceAccountName,
    serviceAccount: props.legacyServiceAccountField ? props.serviceAccountName : undefined,
    automountServiceAccountToken: (props.mountServiceAccountToken ?? props.serviceAccountName !== undefined) ? undefined : false,
    securityContext: security.pod,
    hostAliases: hostAliases.length > 0 ? hostAliases : undefined,
    initContainers: [sync.initContainer],
    containers: [
      {
        ...props.container,
        image: platform.spec.image,
        securityContext: security.container,
        volumeMounts: [...sync.volumeMounts, ...(props.extraVolumeMounts ?? [])],
      },
    ],
    volumes: [...sync.volumes, ...(props.extraVolumes ?? [])],
  };
  return { spec, checksum: sync.checksum, launchInline: sync.launchInline };
}

/** The proxy's aliases first (KDC and Hadoop hosts), then the tenant's; an IP listed twice keeps every hostname once. */
export function mergeHostAliases(...lists: (readonly HostAliasSpec[] | undefined)[]): k8s.HostAlias[] {
  const byIp = new Map<string, string[]>();
  for (const alias of lists.flatMap(l => l ?? [])) {
    const hostnames = byIp.get(alias.ip) ?? [];
    for (const h of alias.hostnames) if (!hostnames.includes(h)) hostnames.push(h);
    byIp.set(alias.ip, hostnames);
  }
  return [...byIp.entries()].map(([ip, hostnames]) => ({ ip, hostnames }));
}
