import * as k8s from '../../imports/k8s';
import { DEFAULTS, PORTS } from '../platform-spec/platform';
import { ProbeSpec, ResourcesSpec } from '../platform-spec/types';

/** Kubernetes resources from the spec's strings (defaults when the spec names none). */
export function resourceRequirements(resources: ResourcesSpec | undefined): k8s.ResourceRequirements {
  const chosen = resources ?? DEFAULTS.resources;
  const list = (l: { cpu?: string; memory?: string } | undefined) => {
    if (!l) return undefined;
    const out: Record<string, k8s.Quantity> = {};
    if (l.cpu !== undefined) out.cpu = k8s.Quantity.fromString(l.cpu);
    if (l.memory !== undefined) out.memory = k8s.Quantity.fromString(l.memory);
    return out;
  };
  return { requests: list(chosen.requests), limits: list(chosen.limits) };
}

/** A probe from the spec: HTTP when a path is given, TCP otherwise; `false` means none. */
export function probe(spec: ProbeSpec | false | undefined, defaults: Required<Omit<ProbeSpec, 'path' | 'port'>>): k8s.Probe | undefined {
  if (spec === false) return undefined;
  const port = k8s.IntOrString.fromNumber(spec?.port ?? PORTS.app);
  return {
    ...(spec?.path !== undefined ? { httpGet: { path: spec.path, port } } : { tcpSocket: { port } }),
    initialDelaySeconds: spec?.initialDelaySeconds ?? defaults.initialDelaySeconds,
    periodSeconds: spec?.periodSeconds ?? defaults.periodSeconds,
    failureThreshold: spec?.failureThreshold ?? defaults.failureThreshold,
  };
}
