import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a pod's /etc/hosts as the kubelet does (pkg/kubelet/kubelet_pods.go): localhost lines, then
 * "# Entries added by HostAliases." and one tab-separated line per alias. The processes the suite runs
 * as a pod (a Kerberos login, the proxy's spark-submit, a client-mode engine) read it instead of the
 * machine's. Returns the file's path.
 */
export function writeKubeletHosts(file: string, aliases: HostAliasList): string {
  const lines = aliases.map(a => [a.ip ?? '', ...(a.hostnames ?? [])].join('\t'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost', '', '# Entries added by HostAliases.', ...lines, ''].join('\n'));
  fs.chmodSync(file, 0o644);
  return file;
}

/** Host aliases as a pod spec, the spec or a fragment holds them. */
export type HostAliasList = readonly { ip?: string; hostnames?: string[] }[];

/** The same aliases in the same order (whatever order each side's JSON keys are in: kubectl sorts them). */
export function sameHostAliases(actual: HostAliasList | undefined, expected: HostAliasList | undefined): boolean {
  const canonical = (list: HostAliasList | undefined) => (list ?? []).map(a => `${a.ip ?? ''}=${(a.hostnames ?? []).join(',')}`).join(' ');
  return canonical(actual) === canonical(expected);
}
