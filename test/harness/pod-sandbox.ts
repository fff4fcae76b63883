import { spawnSync } from 'child_process';
import { packageRoot } from '../../src/package-root';
import { IMAGE_BOOTSTRAP } from '../../src/sync/materializer-script';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Runs a pod's `config-sync` init container for real, without a cluster: every volume becomes a
 * real directory (tmpfs where the pod asks for `medium: Memory`), mounted at the init container's
 * mount paths inside a private mount namespace and a chroot whose /usr is the host's, and the init
 * container's actual command and env run under a real shell. Afterwards the test reads files the
 * way the main container would see them, through the main container's mounts.
 *
 * Run as root, the sandbox lays volumes out as the kubelet does (pkg/volume/emptydir: the emptyDir
 * root is root-owned 0777; pkg/volume/volume_linux.go changeFilePermission: with fsGroup every file
 * gets group fsGroup and mode |= 0660, or 0440 on a read-only volume, and directories also setgid
 * and 0110; projected files are written by root with `defaultMode`) and runs the init container as
 * the security context's uid and gid with fsGroup as supplementary group, no capabilities and no
 * new privileges (`setpriv`). Run as another user it can only use a user namespace with one uid,
 * so the init container runs as that namespace's root (`identity` says which).
 */

/** Minimal shapes of the Kubernetes objects the sandbox reads (wire format, as in dist/). */
interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}
interface KeyToPath {
  key: string;
  path: string;
}
interface Volume {
  name: string;
  emptyDir?: { medium?: string };
  projected?: { sources: { configMap?: { name: string; items?: KeyToPath[] }; secret?: { name: string; items?: KeyToPath[] } }[]; defaultMode?: number };
}
interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  supplementalGroups?: number[];
}
interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: VolumeMount[];
  securityContext?: SecurityContext;
}
export interface PodSpecJson {
  initContainers?: Container[];
  containers: Container[];
  volumes?: Volume[];
  securityContext?: SecurityContext;
}

/** The namespace's stored objects the pod can read: ConfigMaps and Secrets by name, key → bytes. */
export interface NamespaceObjects {
  readonly configMaps: ReadonlyMap<string, ReadonlyMap<string, Buffer>>;
  readonly secrets: ReadonlyMap<string, ReadonlyMap<string, Buffer>>;
}

export type Shell = 'dash' | 'bash' | 'busybox';

export interface SandboxOptions {
  readonly shell: Shell;
  /** Files the image itself ships (absolute path → bytes), visible to the init container. @default - none */
  readonly imageFiles?: Readonly<Record<string, Buffer | string>>;
  /** Changes an env value before the run, e.g. to tamper with a payload. @default - none */
  readonly editEnv?: (env: Record<string, string>) => void;
  /** Symbolic links the image itself ships (absolute path → link target). @default - none */
  readonly imageLinks?: Readonly<Record<string, string>>;
  /** FIFOs (named pipes) the image itself ships, as absolute paths. @default - none */
  readonly imageFifos?: readonly string[];
}

/** Who the init container ran as: the pod's uid/gid (kubelet-faithful), or a user namespace's root. */
export type SandboxIdentity = { uid: number; gid: number; groups: number[] } | 'user-namespace-root';

export interface SandboxResult {
  readonly identity: SandboxIdentity;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The bytes the main container would read at an absolute path; undefined when there is no file. */
  read(file: string): Buffer | undefined;
  /** Permission bits of that file, e.g. 0o444. */
  mode(file: string): number | undefined;
  /** Filesystem type behind a main container mount path, seen while the pod ran (e.g. "tmpfs"). */
  fsType(mountPath: string): string | undefined;
  /** Every regular file the main container sees under its file mounts, as absolute paths. */
  listFiles(): string[];
}

const SHELL_COMMAND: Record<Shell, string[]> = {
  dash: ['/usr/bin/dash'],
  bash: ['/usr/bin/bash'],
  busybox: ['/usr/bin/busybox', 'sh'],
};

/** Whether a shell is installed here (busybox may not be). */
export function hasShell(shell: Shell): boolean {
  return fs.existsSync(SHELL_COMMAND[shell][0]);
}

/** Whether this process can lay volumes out and switch identities as the kubelet and the runtime do. */
export function isKubeletFaithful(): boolean {
  return process.getuid?.() === 0;
}

/** `unshare -m` as root, `unshare -rm` (a user namespace) otherwise. */
function unshareArgs(): string[] {
  return isKubeletFaithful() ? ['-m'] : ['-r', '-m'];
}

/** The init container's identity as the kubelet computes it: container context over pod context; fsGroup joins the groups. */
function identityOf(pod: PodSpecJson, init: Container): SandboxIdentity {
  if (!isKubeletFaithful()) return 'user-namespace-root';
  const uid = init.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
  const gid = init.securityContext?.runAsGroup ?? pod.securityContext?.runAsGroup ?? 0;
  if (uid === undefined) throw new Error("the pod sets no runAsUser: the image's user is unknown to the sandbox");
  const fsGroup = pod.securityContext?.fsGroup;
  const groups = [...new Set([gid, ...(fsGroup === undefined ? [] : [fsGroup]), ...(pod.securityContext?.supplementalGroups ?? [])])];
  return { uid, gid, groups };
}

export function runConfigSync(pod: PodSpecJson, objects: NamespaceObjects, options: SandboxOptions): SandboxResult {
  const init = (pod.initContainers ?? []).find(c => c.name === 'config-sync');
  if (!init?.command) throw new Error('the pod has no config-sync init container');
  const main = pod.containers[0];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-sandbox-'));
  const rootfs = path.join(work, 'rootfs');
  const volumesDir = path.join(work, 'volumes');
  const captured = path.join(work, 'captured');
  fs.mkdirSync(rootfs);
  fs.mkdirSync(volumesDir);
  fs.mkdirSync(captured);
  for (const dir of ['bin', 'lib', 'lib64', 'sbin']) fs.symlinkSync(`usr/${dir}`, path.join(rootfs, dir));
  fs.mkdirSync(path.join(rootfs, 'usr'));
  fs.mkdirSync(path.join(rootfs, 'tmp'), { mode: 0o1777 });
  for (const [file, content] of Object.entries(options.imageFiles ?? {})) {
    fs.mkdirSync(path.join(rootfs, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(rootfs, file), content);
  }
  for (const [link, target] of Object.entries(options.imageLinks ?? {})) {
    fs.mkdirSync(path.join(rootfs, path.dirname(link)), { recursive: true });
    fs.symlinkSync(target, path.join(rootfs, link));
  }
  for (const fifo of options.imageFifos ?? []) {
    fs.mkdirSync(path.join(rootfs, path.dirname(fifo)), { recursive: true });
    const made = spawnSync('mkfifo', [path.join(rootfs, fifo)]);
    if (made.status !== 0) throw new Error(`mkfifo ${fifo} failed: ${made.stderr}`);
  }
  const identity = identityOf(pod, init);
  const fsGroup = pod.securityContext?.fsGroup;

  const memoryVolumes: string[] = [];
  // What the kubelet does to each volume before the containers start (as root: see the class comment).
  const layout: string[] = [];
  for (const volume of pod.volumes ?? []) {
    const dir = path.join(volumesDir, volume.name);
    fs.mkdirSync(dir);
    if (volume.emptyDir?.medium === 'Memory') memoryVolumes.push(volume.name);
    if (volume.emptyDir) {
      layout.push(`chown 0:0 ${q(dir)}`, `chmod 0777 ${q(dir)}`);
      if (fsGroup !== undefined) layout.push(`chgrp ${fsGroup} ${q(dir)}`, `chmod 2777 ${q(dir)}`);
    }
    if (volume.projected) {
      const mode = (volume.projected.defaultMode ?? 0o644) | (fsGroup !== undefined ? 0o440 : 0);
      layout.push(
        `chown -R 0:${fsGroup ?? 0} ${q(dir)}`,
        `find ${q(dir)} -type f -exec chmod ${mode.toString(8)} {} +`,
        `find ${q(dir)} -type d -exec chmod ${fsGroup !== undefined ? '2755' : '0755'} {} +`,
      );
    }
    for (const source of volume.projected?.sources ?? []) {
      const ref = source.configMap ?? source.secret!;
      const store = source.configMap ? objects.configMaps : objects.secrets;
      const data = store.get(ref.name);
      if (!data) continue; // like the kubelet: a missing object leaves its files absent
      for (const item of ref.items ?? [...data.keys()].map(key => ({ key, path: key }))) {
        const content = data.get(item.key);
        if (content === undefined) continue;
        fs.mkdirSync(path.join(dir, path.dirname(item.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, item.path), content, { mode: 0o440 });
      }
    }
  }

  // The setup script runs as (namespace) root: mounts, then the init container in the chroot, then
  // copies in-memory volumes out before the namespace (and its tmpfs) goes away.
  const lines = ['set -eu', `mount --bind /usr ${q(path.join(rootfs, 'usr'))}`];
  for (const name of memoryVolumes) lines.push(`mount -t tmpfs -o size=64m tmpfs ${q(path.join(volumesDir, name))}`);
  if (identity !== 'user-namespace-root') {
    // A container runtime gives every container /dev/null.
    lines.push(
      ...layout,
      `mkdir -p ${q(path.join(rootfs, 'dev'))}`,
      `touch ${q(path.join(rootfs, 'dev', 'null'))}`,
      `mount --bind /dev/null ${q(path.join(rootfs, 'dev', 'null'))}`,
    );
  }
  for (const m of init.volumeMounts ?? []) {
    const at = path.join(rootfs, m.mountPath);
    lines.push(`mkdir -p ${q(at)}`, `mount --bind ${q(path.join(volumesDir, m.name))} ${q(at)}`);
    if (m.readOnly) lines.push(`mount -o remount,bind,ro ${q(at)}`);
  }
  // As the runtime starts a restricted container: its uid and gids, no capabilities, no new privileges.
  const as =
    identity === 'user-namespace-root'
      ? []
      : [
          '/usr/bin/setpriv',
          `--reuid=${identity.uid}`,
          `--regid=${identity.gid}`,
          `--groups=${identity.groups.join(',')}`,
          '--inh-caps=-all',
          '--bounding-set=-all',
          '--no-new-privs',
          '--',
        ];
  lines.push('set +e', `chroot "$ROOTFS" ${as.map(q).join(' ')} "$@"`, 'status=$?', 'set -e');
  for (const m of main.volumeMounts ?? []) {
    const volume = path.join(volumesDir, m.name);
    lines.push(`mkdir -p ${q(path.join(captured, m.name))}`, `cp -a ${q(volume)}/. ${q(path.join(captured, m.name))}/`);
    lines.push(`stat -f -c %T ${q(volume)} > ${q(path.join(captured, `${m.name}.fstype`))}`);
  }
  lines.push('exit $status');
  fs.writeFileSync(path.join(work, 'setup.sh'), `${lines.join('\n')}\n`);

  const env: Record<string, string> = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ROOTFS: rootfs };
  for (const e of init.env ?? []) env[e.name] = e.value ?? '';
  options.editEnv?.(env);
  // ['/bin/sh', '-c', script, name, ...plan] (inlined), or ['/opt/bootstrap.sh', 'sync', ...plan]: the
  // image's scripts (this checkout's) at the image's paths, the entrypoint run by the chosen shell.
  const [first, ...rest] = init.command;
  if (first === IMAGE_BOOTSTRAP) {
    fs.mkdirSync(path.join(rootfs, 'opt', 'spark-tenancy'), { recursive: true });
    fs.copyFileSync(path.join(packageRoot(), 'image', 'bootstrap.sh'), path.join(rootfs, IMAGE_BOOTSTRAP));
    fs.copyFileSync(path.join(packageRoot(), 'image', 'materialize.sh'), path.join(rootfs, 'opt', 'spark-tenancy', 'materialize.sh'));
  }
  const command = [...SHELL_COMMAND[options.shell], ...(first === IMAGE_BOOTSTRAP ? [first] : []), ...rest];
  const run = spawnSync('unshare', [...unshareArgs(), '--', '/bin/bash', path.join(work, 'setup.sh'), ...command], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;

  // What the main container sees, read into memory so the sandbox folder can go right away.
  const seen = new Map<string, { bytes: Buffer; mode: number }>();
  const fsTypes = new Map<string, string>();
  // Deeper mounts last, so that, as in the kernel, a nested mount hides the outer volume's copy.
  const mounts = [...(main.volumeMounts ?? [])].sort((a, b) => a.mountPath.length - b.mountPath.length);
  for (const m of mounts) {
    for (const rel of walk(path.join(captured, m.name))) {
      const at = path.join(captured, m.name, rel);
      seen.set(`${m.mountPath}/${rel}`, { bytes: fs.readFileSync(at), mode: fs.statSync(at).mode & 0o7777 });
    }
    const fsType = path.join(captured, `${m.name}.fstype`);
    if (fs.existsSync(fsType)) fsTypes.set(m.mountPath, fs.readFileSync(fsType, 'utf8').trim());
  }
  fs.rmSync(work, { recursive: true, force: true });

  return {
    identity,
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    read: file => seen.get(file)?.bytes,
    mode: file => seen.get(file)?.mode,
    fsType: mountPath => fsTypes.get(mountPath),
    listFiles: () => [...seen.keys()],
  };
}

function walk(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), rel) : entry.isFile() ? [rel] : [];
  });
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
