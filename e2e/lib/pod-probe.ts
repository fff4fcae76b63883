import { ExpectedFile, fileProblems } from '../stages/files';

/**
 * What a running container really holds, read from inside it with the image's own tools (`id`,
 * `sha256sum`, `stat`, the kubelet's /etc/hosts), one tagged line per fact so that a missing tool or
 * file shows as a missing or odd line rather than a shifted one.
 */
export const PROBE_SCRIPT = [
  'role_env=$1; shift',
  'echo "uid $(id -u)"',
  // The variable's name is checked by the caller; only its presence matters (an empty value still marks an executor).
  'eval "present=\\${$role_env+yes}"',
  'if [ -n "$present" ]; then echo "role-env present"; else echo "role-env absent"; fi',
  'for f in "$@"; do',
  '  if [ -f "$f" ]; then sum=$(sha256sum < "$f") && echo "file $(stat -L -c %a "$f") ${sum%% *} $f" || echo "unreadable $f"',
  '  else echo "missing $f"; fi',
  'done',
  'while IFS= read -r line; do echo "hosts $line"; done < /etc/hosts',
].join('\n');

/** The argv for `kubectl exec POD -c C -- ...`: the script, the role variable's name, the paths. */
export function probeCommand(roleEnv: string, paths: readonly string[]): string[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(roleEnv)) throw new Error(`role variable '${roleEnv}' is not a variable name`);
  return ['sh', '-c', PROBE_SCRIPT, 'probe', roleEnv, ...paths];
}

export interface PodProbe {
  readonly uid?: number;
  readonly roleEnvPresent?: boolean;
  readonly files: ReadonlyMap<string, { sha256: string; mode: number }>;
  /** Paths the container could not find or read, with why. */
  readonly absent: ReadonlyMap<string, 'missing' | 'unreadable'>;
  /** /etc/hosts as IP → hostnames, in the file's order. */
  readonly hosts: ReadonlyMap<string, string[]>;
}

export function parseProbe(output: string): PodProbe {
  let uid: number | undefined;
  let roleEnvPresent: boolean | undefined;
  const files = new Map<string, { sha256: string; mode: number }>();
  const absent = new Map<string, 'missing' | 'unreadable'>();
  const hosts = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const [tag, ...rest] = line.split(' ');
    const value = rest.join(' ');
    if (tag === 'uid' && /^\d+$/.test(value)) uid = Number(value);
    else if (tag === 'role-env') roleEnvPresent = value === 'present';
    else if (tag === 'file') {
      const match = /^([0-7]{3,4}) ([0-9a-f]{64}) (.+)$/.exec(value);
      if (match) files.set(match[3], { mode: parseInt(match[1], 8), sha256: match[2] });
    } else if (tag === 'missing' || tag === 'unreadable') absent.set(value, tag);
    else if (tag === 'hosts') {
      const [ip, ...names] = value.replace(/#.*/, '').trim().split(/\s+/);
      if (ip && names.length > 0) hosts.set(ip, [...(hosts.get(ip) ?? []), ...names]);
    }
  }
  return { uid, roleEnvPresent, files, absent, hosts };
}

/** What the container must show: the generated user, role variable, host aliases and files. */
export interface PodExpectation {
  readonly uid: number;
  readonly roleEnv: string;
  readonly roleEnvPresent: boolean;
  readonly hostAliases: readonly { ip: string; hostnames: readonly string[] }[];
  readonly files: readonly ExpectedFile[];
}

/** One line per way the container differs from what was generated; empty when it matches. */
export function probeProblems(probe: PodProbe, expected: PodExpectation): string[] {
  const problems: string[] = [];
  if (probe.uid !== expected.uid) problems.push(`runs as uid ${probe.uid ?? '(no answer from id -u)'}, generated ${expected.uid}`);
  if (probe.roleEnvPresent !== expected.roleEnvPresent) {
    problems.push(`${expected.roleEnv} is ${probe.roleEnvPresent === undefined ? 'not reported' : probe.roleEnvPresent ? 'set' : 'not set'}, `
      + `generated ${expected.roleEnvPresent ? 'set' : 'unset'}`);
  }
  for (const alias of expected.hostAliases) {
    const names = probe.hosts.get(alias.ip) ?? [];
    const lost = alias.hostnames.filter(h => !names.includes(h));
    if (lost.length > 0) problems.push(`/etc/hosts lacks ${lost.join(', ')} → ${alias.ip} (has ${names.join(', ') || 'nothing'} for it)`);
  }
  problems.push(...fileProblems(expected.files, at => probe.files.get(at)));
  for (const [at, why] of probe.absent) if (why === 'unreadable') problems.push(`${at}: there, but uid ${probe.uid} cannot read it`);
  return problems;
}
