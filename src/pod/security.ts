import * as k8s from '../../imports/k8s';
import { DEFAULTS } from '../spec/platform';
import { PlatformSpec } from '../spec/types';

/**
 * Pod and container security contexts that meet the Pod Security Standards `restricted` profile.
 * Set at both levels: Spark copies the template container's context onto the pods it builds, and
 * the admission check accepts either level.
 */
export function restrictedSecurity(spec: PlatformSpec): { pod: k8s.PodSecurityContext; container: k8s.SecurityContext } {
  const runAsUser = spec.security?.runAsUser ?? DEFAULTS.runAsUser;
  const runAsGroup = spec.security?.runAsGroup ?? runAsUser;
  const seccompProfile = { type: 'RuntimeDefault' };
  return {
    pod: {
      runAsNonRoot: true,
      runAsUser,
      runAsGroup,
      fsGroup: spec.security?.fsGroup ?? runAsGroup,
      seccompProfile,
    },
    container: {
      runAsNonRoot: true,
      runAsUser,
      runAsGroup,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile,
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
