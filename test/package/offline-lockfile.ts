import * as fs from 'fs';
import * as path from 'path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

/**
 * A package-lock.json for a new project that depends on `wanted` (names of packages this repository
 * has installed) plus `extra` entries: the same versions and tarballs as this repository's lockfile,
 * in the same tree layout, cut down to what `wanted` needs.
 *
 * Why: `npm install --offline <name>` must resolve a version range, which needs the registry's package
 * document, and `npm ci` caches only tarballs, never those documents; `npm ci --offline` with a
 * lockfile needs nothing but the tarballs, which this repository's `npm ci` already put in the cache.
 */
export function offlineLockfile(
  repoLockFile: string,
  wanted: readonly string[],
  extra: Record<string, LockEntry>,
): { lock: object; dependencies: Record<string, string> } {
  const packages = (JSON.parse(fs.readFileSync(repoLockFile, 'utf8')) as { packages: Record<string, LockEntry> }).packages;
  const taken = new Map<string, LockEntry>();
  /** Node's lookup: `name` from the package at `from` is the nearest node_modules/name above it. */
  const locate = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (dir === '') return undefined;
    }
  };
  const visit = (location: string): void => {
    if (taken.has(location)) return;
    const entry = packages[location];
    taken.set(location, entry);
    const needs = { ...entry.dependencies, ...entry.optionalDependencies, ...requiredPeers(entry) };
    for (const name of Object.keys(needs)) {
      const found = locate(location, name);
      if (found) visit(found);
      else if (!entry.optionalDependencies?.[name] && !entry.peerDependenciesMeta?.[name]?.optional)
        throw new Error(`${location} needs ${name}, which the lockfile does not hold`);
    }
  };
  const dependencies: Record<string, string> = {};
  for (const name of wanted) {
    const location = `node_modules/${name}`;
    if (!packages[location]) throw new Error(`${name} is not in ${repoLockFile}`);
    dependencies[name] = packages[location].version!;
    visit(location);
  }
  for (const [location, entry] of Object.entries(extra)) {
    for (const name of Object.keys({ ...entry.dependencies, ...requiredPeers(entry) })) {
      const found = locate(location, name);
      if (!found) throw new Error(`${location} needs ${name}, which the lockfile does not hold`);
      visit(found);
    }
  }
  const lockPackages: Record<string, LockEntry> = {
    '': {
      name: 'consumer',
      version: '1.0.0',
      dependencies: { ...dependencies, ...Object.fromEntries(Object.entries(extra).map(([l, e]) => [l.slice('node_modules/'.length), e.resolved!])) },
    },
  };
  for (const [location, entry] of [...taken, ...Object.entries(extra)]) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...rest } = entry;
    lockPackages[location] = rest;
  }
  return { lock: { name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages: lockPackages }, dependencies };
}

function requiredPeers(entry: LockEntry): Record<string, string> {
  return Object.fromEntries(Object.entries(entry.peerDependencies ?? {}).filter(([name]) => !entry.peerDependenciesMeta?.[name]?.optional));
}

/** The path a lockfile gives a folder relative to the project. */
export function relativeFile(project: string, file: string): string {
  return `file:${path.relative(project, file).split(path.sep).join('/')}`;
}
