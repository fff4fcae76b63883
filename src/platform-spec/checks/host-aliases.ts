import { isIP } from 'net';
import type { HostAliasSpec, PlatformSpec } from '../types';
import type { Segments, Report } from './report';

/* Host aliases: valid addresses, and tenant entries that would redirect the platform's or the cluster's names. */

/** Cluster names a tenant's host aliases must not redirect: the API server's Service and every Service name. */
const CLUSTER_HOSTNAME = /^kubernetes(\.default(\.svc(\..*)?)?)?$|\.svc$|\.svc\.|\.cluster\.local$/i;

/**
 * A tenant's host aliases go into its own pods, which hold the platform's files and talk to the
 * platform's KDC, metastore and name nodes: they may add names, not redirect the platform's own
 * (`proxy.hostAliases`) or the cluster's Service names.
 */
export function checkTenantHostnames(spec: PlatformSpec, aliases: readonly HostAliasSpec[] | undefined, where: Segments, report: Report): void {
  const platformNames = new Set((spec.proxy.hostAliases ?? []).flatMap(a => a.hostnames.map(h => h.toLowerCase())));
  (aliases ?? []).forEach((alias, i) =>
    alias.hostnames.forEach((hostname, k) => {
      const why = platformNames.has(hostname.toLowerCase())
        ? "is one of the platform's host aliases (proxy.hostAliases)"
        : CLUSTER_HOSTNAME.test(hostname)
          ? "is a name of the cluster's own Services"
          : undefined;
      if (why) report([...where, i, 'hostnames', k], `"${hostname}" ${why}; a tenant entry may add host names, not redirect these`);
    }),
  );
}

export function checkHostAliases(aliases: readonly HostAliasSpec[] | undefined, where: Segments, report: Report): void {
  (aliases ?? []).forEach((alias, i) => {
    if (isIP(alias.ip) === 0) {
      report([...where, i, 'ip'], `"${alias.ip}" is not a valid IPv4 or IPv6 address (e.g. 10.0.0.10 or fd00::10, without a port or prefix length)`);
    }
  });
}
