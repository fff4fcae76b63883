import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Runs a pod's `config-sync` init container for real, without a cluster: every volume becomes a
 * real directory (tmpfs where the pod asks for `medium: Memory`), mounted at the init container's
 * mount paths inside a private mount namespace and a chroot whose /usr is the host's, and the init
 * container's actual command and env run under a real shell. Afterwards the test reads files the
 * way the main container would see them, through the main container's mounts.
 */

/** Minimal shapes of the Kubernetes objects the sandbox reads (wire format, as in dist/). */
interface VolumeMount { name: string; mountPath: string; readOnly?: boolean }
interface KeyToPath { key: string; path: string }
interface Volume {
  name: string;
  emptyDir?: { medium?: string };
  projected?: { sources: { configMap?: { name: string; items?: KeyToPath[] }; secret?: { name: string; items?: KeyToPath[] } }[] };
}
interface Container { name: string; command?: string[]; args?: string[]; env?: { name: string; value?: string }[]; volumeMounts?: VolumeMount[] }
export interface PodSpecJson { initContainers?: Container[]; containers: Container[]; volumes?: Volume[] }

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
}

export interface SandboxResult {
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

/** `unshare -m` as root, `unshare -rm` (a user namespace) otherwise. */
function unshareArgs(): string[] {
  return process.getuid?.() === 0 ? ['-m'] : ['-r', '-m'];
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

  const memoryVolumes: string[] = [];
  for (const volume of pod.volumes ?? []) {
    const dir = path.join(volumesDir, volume.name);
    fs.mkdirSync(dir);
    if (volume.emptyDir?.medium === 'Memory') memoryVolumes.push(volume.name);
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
  for (const m of init.volumeMounts ?? []) {
    const at = path.join(rootfs, m.mountPath);
    lines.push(`mkdir -p ${q(at)}`, `mount --bind ${q(path.join(volumesDir, m.name))} ${q(at)}`);
    if (m.readOnly) lines.push(`mount -o remount,bind,ro ${q(at)}`);
  }
  lines.push('set +e', 'chroot "$ROOTFS" "$@"', 'status=$?', 'set -e');
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
  const [, dashC, ...rest] = init.command; // ['/bin/sh', '-c', script, name, ...plan]
  const command = [...SHELL_COMMAND[options.shell], dashC, ...rest];
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
