import * as k8s from '../../imports/k8s';
import { DEFAULTS } from '../platform-spec/platform';
import { PlatformSpec } from '../platform-spec/types';

/**
 * Pod and container security contexts that meet the Pod Security Standards `restricted` profile.
 * The user, group, runAsNonRoot and seccomp profile are set once, on the pod: every container inherits
 * them, the admission accepts them there, and Spark keeps a template's pod securityContext on the pods it
 * builds. Only what the profile requires per container (no privilege escalation, all capabilities
 * dropped) is repeated on each container.
 */
export function restrictedSecurity(spec: PlatformSpec): { pod: k8s.PodSecurityContext; container: k8s.SecurityContext } {
  const runAsUser = spec.security?.runAsUser ?? DEFAULTS.runAsUser;
  const runAsGroup = spec.security?.runAsGroup ?? runAsUser;
  return {
    pod: {
      runAsNonRoot: true,
      runAsUser,
      runAsGroup,
      fsGroup: spec.security?.fsGroup ?? runAsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    container: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
  };
}

/** Namespace labels for Pod Security admission. */
export function podSecurityLabels(spec: PlatformSpec): Record<string, string> {
  const level = spec.security?.podSecurity ?? DEFAULTS.podSecurity;
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': 'v1.27',
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
  };
}
