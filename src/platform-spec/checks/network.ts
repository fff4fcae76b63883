import { isIP } from 'net';
import type { PlatformSpec } from '../types';
import type { Segments, Report } from './report';

/* The network section: CIDRs and what they allow. */

/** Why `cidr` is not an IPv4 or IPv6 CIDR, or undefined. */
export function cidrProblem(cidr: string): string | undefined {
  const [address, prefix, ...rest] = cidr.split('/');
  const family = isIP(address ?? '');
  const bits = family === 4 ? 32 : 128;
  if (family === 0 || rest.length > 0 || prefix === undefined || !/^[0-9]{1,3}$/.test(prefix) || Number(prefix) > bits) {
    return `"${cidr}" is not a CIDR (an IPv4 or IPv6 address and a prefix length, e.g. 10.0.0.10/32 or fd00::/64)`;
  }
  return undefined;
}

/**
 * Egress isolation: every CIDR must be one, and with any endpoint declared the API server's address
 * is needed (a NetworkPolicy cannot select it, and engines must reach it to create executors).
 */
export function checkNetwork(spec: PlatformSpec, report: Report): void {
  const checkList = (list: readonly { cidr: string }[] | undefined, where: Segments) =>
    (list ?? []).forEach((e, i) => {
      const problem = cidrProblem(e.cidr);
      if (problem) report([...where, i, 'cidr'], `${problem}; NetworkPolicy ipBlock needs one`);
    });
  checkList(spec.network?.egress, ['network', 'egress']);
  spec.tenants.forEach((t, i) => checkList(t.network?.egress, ['tenants', i, 'network', 'egress']));
  const apiServer = spec.network?.apiServer;
  if (apiServer) {
    const problem = cidrProblem(apiServer.cidr);
    if (problem) report(['network', 'apiServer', 'cidr'], `${problem}; the API server's address, e.g. the kubernetes Service's endpoints`);
  }
  const declared =
    (spec.network?.egress?.length ?? 0) > 0
      ? ['network', 'egress']
      : spec.tenants.map((t, i) => ((t.network?.egress?.length ?? 0) > 0 ? ['tenants', i, 'network', 'egress'] : undefined)).find(w => w !== undefined);
  if (declared && !apiServer) {
    report(
      declared,
      'egress isolation needs network.apiServer ({cidr, port}): a NetworkPolicy cannot select the API server, ' +
        'and engines must reach it to create their executors (kubectl get endpoints kubernetes -n default shows its address)',
    );
  }
}
