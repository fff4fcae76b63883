/**
 * Pod Security Standards, "restricted" level, as Kubernetes 1.27's Pod Security admission enforces it
 * (k8s.io/pod-security-admission/policy, https://kubernetes.io/docs/concepts/security/pod-security-standards/):
 * every baseline control plus the restricted ones, on every pod spec the schema walk meets (Pods and the pod
 * templates of every workload) and on pod template files embedded in ConfigMaps.
 */
import { containersOf } from './containers';
import { childField, itemField } from './fields';
import { arrayAt, describeValue, isJsonObject, objectAt, stringAt } from './json';
import { DefinitionChecks, JsonObject, Report } from './types';

/** Volume sources the restricted level allows. */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
/** Baseline "safe" sysctls as of 1.27 (ip_local_reserved_ports joined in 1.27). */
const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
];
const ALLOWED_SELINUX_TYPES: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const ALLOWED_SECCOMP_TYPES: readonly string[] = ['RuntimeDefault', 'Localhost'];
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** A pod spec under inspection, with the paths needed to point at its fields. */
interface PodUnderCheck {
  readonly metadata: JsonObject | undefined;
  readonly metadataField: string;
  readonly spec: JsonObject;
  readonly specField: string;
  readonly securityContext: JsonObject | undefined;
  readonly securityContextField: string;
  readonly containers: ReadonlyArray<{ readonly securityContext: JsonObject | undefined; readonly field: string; readonly container: JsonObject }>;
  /** Pods with spec.os.name windows are exempt from the Linux-only controls. */
  readonly windows: boolean;
}

type Control = (pod: PodUnderCheck, report: Report) => void;

/** `Pod Security "restricted", <control>: <requirement> (got <value>)`. */
function restricted(control: string, requirement: string, value: unknown): string {
  return `Pod Security "restricted", ${control}: ${requirement} (got ${value === undefined ? 'unset' : describeValue(value)})`;
}

function securityContextField(containerField: string, key: string): string {
  return childField(childField(containerField, 'securityContext'), key);
}

const hostNamespaces: Control = (pod, report) => {
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (pod.spec[key] === true) report(childField(pod.specField, key), restricted('host namespaces', 'must be false or unset', true));
  }
};

const hostProcess: Control = (pod, report) => {
  const podValue = objectAt(pod.securityContext, 'windowsOptions')?.hostProcess;
  if (podValue === true)
    report(childField(childField(pod.securityContextField, 'windowsOptions'), 'hostProcess'), restricted('HostProcess', 'must be false or unset', true));
  for (const { securityContext, field } of pod.containers) {
    if (objectAt(securityContext, 'windowsOptions')?.hostProcess === true) {
      report(childField(securityContextField(field, 'windowsOptions'), 'hostProcess'), restricted('HostProcess', 'must be false or unset', true));
    }
  }
};

const privileged: Control = (pod, report) => {
  for (const { securityContext, field } of pod.containers) {
    if (securityContext?.privileged === true)
      report(securityContextField(field, 'privileged'), restricted('privileged containers', 'must be false or unset', true));
  }
};

const capabilities: Control = (pod, report) => {
  if (pod.windows) return;
  for (const { securityContext, field } of pod.containers) {
    const capabilitiesField = securityContextField(field, 'capabilities');
    const drop = objectAt(securityContext, 'capabilities')?.drop;
    if (!Array.isArray(drop) || !drop.includes('ALL')) {
      report(childField(capabilitiesField, 'drop'), restricted('capabilities', 'must include "ALL"', drop));
    }
    arrayAt(objectAt(securityContext, 'capabilities'), 'add').forEach((capability, index) => {
      if (capability !== 'NET_BIND_SERVICE') {
        report(itemField(childField(capabilitiesField, 'add'), index), restricted('capabilities', 'may only add "NET_BIND_SERVICE"', capability));
      }
    });
  }
};

const volumeTypes: Control = (pod, report) => {
  arrayAt(pod.spec, 'volumes').forEach((volume, index) => {
    if (!isJsonObject(volume)) return;
    const volumeField = itemField(childField(pod.specField, 'volumes'), index);
    for (const source of Object.keys(volume).filter(key => key !== 'name')) {
      if (source === 'hostPath') {
        report(
          childField(volumeField, source),
          restricted('hostPath volumes', `are forbidden; use one of ${RESTRICTED_VOLUME_TYPES.join(', ')}`, volume[source]),
        );
      } else if (!RESTRICTED_VOLUME_TYPES.includes(source)) {
        report(
          childField(volumeField, source),
          restricted('volume types', `${source} volumes are not allowed; use one of ${RESTRICTED_VOLUME_TYPES.join(', ')}`, volume[source]),
        );
      }
    }
  });
};

const hostPorts: Control = (pod, report) => {
  for (const { container, field } of pod.containers) {
    arrayAt(container, 'ports').forEach((port, index) => {
      const hostPort = isJsonObject(port) ? port.hostPort : undefined;
      if (hostPort !== undefined && hostPort !== 0) {
        report(childField(itemField(childField(field, 'ports'), index), 'hostPort'), restricted('host ports', 'must be 0 or unset', hostPort));
      }
    });
  }
};

const appArmor: Control = (pod, report) => {
  for (const [key, value] of Object.entries(objectAt(pod.metadata, 'annotations') ?? {})) {
    if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
    if (value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
      report(
        childField(childField(pod.metadataField, 'annotations'), key),
        restricted('AppArmor', 'must be "runtime/default" or "localhost/<profile>"', value),
      );
    }
  }
};

const seLinux: Control = (pod, report) => {
  const contexts = [
    { securityContext: pod.securityContext, field: childField(pod.securityContextField, 'seLinuxOptions') },
    ...pod.containers.map(({ securityContext, field }) => ({ securityContext, field: securityContextField(field, 'seLinuxOptions') })),
  ];
  for (const { securityContext, field } of contexts) {
    const options = objectAt(securityContext, 'seLinuxOptions');
    if (options === undefined) continue;
    const type = options.type;
    if (type !== undefined && !ALLOWED_SELINUX_TYPES.includes(String(type))) {
      report(childField(field, 'type'), restricted('SELinux', `type must be unset or one of ${ALLOWED_SELINUX_TYPES.filter(Boolean).join(', ')}`, type));
    }
    for (const key of ['user', 'role']) {
      if (options[key] !== undefined && options[key] !== '')
        report(childField(field, key), restricted('SELinux', `custom ${key} must not be set`, options[key]));
    }
  }
};

const procMount: Control = (pod, report) => {
  for (const { securityContext, field } of pod.containers) {
    const value = securityContext?.procMount;
    if (value !== undefined && value !== 'Default')
      report(securityContextField(field, 'procMount'), restricted('/proc mount type', 'must be "Default" or unset', value));
  }
};

const sysctls: Control = (pod, report) => {
  arrayAt(pod.securityContext, 'sysctls').forEach((sysctl, index) => {
    const name = stringAt(sysctl, 'name');
    if (name !== undefined && !SAFE_SYSCTLS.includes(name)) {
      report(
        childField(itemField(childField(pod.securityContextField, 'sysctls'), index), 'name'),
        restricted('sysctls', `only ${SAFE_SYSCTLS.join(', ')} are allowed`, name),
      );
    }
  });
};

const privilegeEscalation: Control = (pod, report) => {
  if (pod.windows) return;
  for (const { securityContext, field } of pod.containers) {
    if (securityContext?.allowPrivilegeEscalation !== false) {
      report(
        securityContextField(field, 'allowPrivilegeEscalation'),
        restricted('privilege escalation', 'must be false', securityContext?.allowPrivilegeEscalation),
      );
    }
  }
};

/**
 * Settings that may be made once for the pod or per container (runAsNonRoot, seccompProfile): an explicit bad
 * value is wrong anywhere; a container that leaves it unset is wrong unless the pod sets a good value.
 */
function checkPodOrContainerSetting(
  pod: PodUnderCheck,
  report: Report,
  control: string,
  requirement: string,
  settingOf: (securityContext: JsonObject | undefined) => unknown,
  isGood: (value: unknown) => boolean,
  key: string,
): void {
  const podValue = settingOf(pod.securityContext);
  if (podValue !== undefined && !isGood(podValue)) {
    report(childField(pod.securityContextField, key), restricted(control, requirement, podValue));
    // Containers that leave it unset inherit the pod's value: fixing the pod fixes them.
    return;
  }
  for (const { securityContext, field } of pod.containers) {
    const value = settingOf(securityContext);
    if (value !== undefined ? !isGood(value) : podValue === undefined) {
      report(securityContextField(field, key), restricted(control, `${requirement}, here or in ${childField(pod.securityContextField, key)}`, value));
    }
  }
}

const runAsNonRoot: Control = (pod, report) =>
  checkPodOrContainerSetting(
    pod,
    report,
    'running as non-root',
    'must be true',
    securityContext => securityContext?.runAsNonRoot,
    value => value === true,
    'runAsNonRoot',
  );

const seccomp: Control = (pod, report) => {
  if (pod.windows) return;
  checkPodOrContainerSetting(
    pod,
    report,
    'seccomp',
    `type must be ${ALLOWED_SECCOMP_TYPES.join(' or ')}`,
    securityContext => {
      const profile = objectAt(securityContext, 'seccompProfile');
      return profile === undefined ? undefined : (profile.type ?? null);
    },
    value => typeof value === 'string' && ALLOWED_SECCOMP_TYPES.includes(value),
    'seccompProfile',
  );
};

const runAsUser: Control = (pod, report) => {
  if (pod.securityContext?.runAsUser === 0)
    report(childField(pod.securityContextField, 'runAsUser'), restricted('running as non-root user', 'must not be 0', 0));
  for (const { securityContext, field } of pod.containers) {
    if (securityContext?.runAsUser === 0) report(securityContextField(field, 'runAsUser'), restricted('running as non-root user', 'must not be 0', 0));
  }
};

const CONTROLS: readonly Control[] = [
  hostProcess,
  hostNamespaces,
  privileged,
  capabilities,
  volumeTypes,
  hostPorts,
  appArmor,
  seLinux,
  procMount,
  seccomp,
  sysctls,
  privilegeEscalation,
  runAsNonRoot,
  runAsUser,
];

/** Checks a Pod or PodTemplateSpec (anything with `metadata` and `spec`) at `field` against the restricted level. */
export function checkRestrictedPodSecurity(pod: JsonObject, field: string, report: Report): void {
  const spec = objectAt(pod, 'spec');
  if (spec === undefined) return;
  const specField = childField(field, 'spec');
  const containers = containersOf(spec, specField).map(entry => ({ ...entry, securityContext: objectAt(entry.container, 'securityContext') }));
  const podUnderCheck: PodUnderCheck = {
    metadata: objectAt(pod, 'metadata'),
    metadataField: childField(field, 'metadata'),
    spec,
    specField,
    securityContext: objectAt(spec, 'securityContext'),
    securityContextField: childField(specField, 'securityContext'),
    containers,
    windows: stringAt(objectAt(spec, 'os'), 'name') === 'windows',
  };
  for (const control of CONTROLS) control(podUnderCheck, report);
}

/** Pod security checks by OpenAPI definition: every pod and pod template. */
export const POD_SECURITY_CHECKS: DefinitionChecks = {
  'io.k8s.api.core.v1.Pod': [checkRestrictedPodSecurity],
  'io.k8s.api.core.v1.PodTemplateSpec': [checkRestrictedPodSecurity],
};
