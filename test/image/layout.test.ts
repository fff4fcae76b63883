import * as fs from 'fs';
import * as path from 'path';
import { IMAGE_LAYOUT as layout } from '../../e2e/lib/image';
import { loadPlatformFile } from '../../src/platform-spec/loader';
import { DEFAULTS, PORTS } from '../../src/platform-spec/platform';
import { args, copies, Copy, pairs, parseDockerfile } from './dockerfile';

// image/layout.json is the one description of the unified image: image/Dockerfile (for a Docker
// engine) and e2e/scripts/build-image.sh (the daemonless build here) must both build that layout.
// The daemonless build reads the layout itself; these tests fail when the Dockerfile, bootstrap.sh's
// defaults or our Spark entrypoint say something else, so none of them can drift.

const REPO = path.resolve(__dirname, '../..');
const IMAGE_DIR = path.join(REPO, 'image');
const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');
const dirname = (p: string) => path.posix.dirname(p);
const basename = (p: string) => path.posix.basename(p);

describe('image/layout.json', () => {
  test('is consistent in itself and with the package: env, entrypoint, uid, ports, role variable', () => {
    // GIVEN the layout  THEN the env names the same folders the paths do
    expect(layout.env).toEqual({ SPARK_HOME: layout.sparkHome, APP_HOME: layout.appHome, SPARK_TENANCY_ROLE_ENV: layout.roleEnv });
    expect(layout.sparkJars).toBe(`${layout.sparkHome}/jars`);
    expect(layout.workDir.startsWith(`${layout.sparkHome}/`)).toBe(true);
    // AND the entrypoint is bootstrap.sh under tini
    expect(layout.entrypoint).toEqual([layout.tini, '--', layout.bootstrap]);
    // AND the user is the uid the generated pods run as, and the ports are the package's
    expect(layout.user.uid).toBe(DEFAULTS.runAsUser);
    expect(layout.user.gid).toBe(DEFAULTS.runAsUser);
    expect(layout.ports).toEqual(Object.values(PORTS));
    // AND the role variable is the example spec's (its generated manifests run on the image unchanged)
    expect(layout.roleEnv).toBe(loadPlatformFile(path.join(REPO, 'platform.yaml')).spec.roleEnv);
  });

  test('the daemonless build takes every path from the layout: none is spelled out in the script', () => {
    // GIVEN build-image.sh's code (comments may name values)  THEN it reads layout.json and spells out
    // no value of the layout itself
    const script = read('e2e/scripts/build-image.sh')
      .split('\n')
      .filter(l => !/^\s*#/.test(l))
      .join('\n');
    expect(script).toContain('image/layout.json');
    const values = [
      layout.sparkHome,
      layout.sparkJars,
      layout.workDir,
      layout.sparkEntrypoint,
      layout.appHome,
      layout.bootstrap,
      layout.materializer,
      layout.tini,
      String(layout.user.uid),
      ...layout.packages,
      ...layout.debian.packages,
    ];
    for (const value of values)
      expect({ value, literal: new RegExp(`(^|[\\s"'=/])${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([\\s"'/;:]|$)`, 'm').test(script) }).toEqual({
        value,
        literal: false,
      });
  });

  test("bootstrap.sh's defaults are the layout's paths and role variable", () => {
    // GIVEN bootstrap.sh's `NAME=${NAME:-default}` lines  THEN each default is the layout's
    const defaults = new Map([...read('image/bootstrap.sh').matchAll(/^([A-Z_]+)=\$\{\1:-([^}]*)\}$/gm)].map(m => [m[1], m[2]]));
    expect(
      Object.fromEntries(['APP_HOME', 'SPARK_HOME', 'SPARK_ENTRYPOINT', 'SPARK_TENANCY_MATERIALIZER', 'SPARK_TENANCY_ROLE_ENV'].map(k => [k, defaults.get(k)])),
    ).toEqual({
      APP_HOME: layout.appHome,
      SPARK_HOME: layout.sparkHome,
      SPARK_ENTRYPOINT: layout.sparkEntrypoint,
      SPARK_TENANCY_MATERIALIZER: layout.materializer,
      SPARK_TENANCY_ROLE_ENV: layout.roleEnv,
    });
  });

  test("our Spark entrypoint runs tini and drops root to the layout's user", () => {
    // GIVEN image/spark-entrypoint.sh  THEN it names the layout's tini and user, and no other
    const script = read('image/spark-entrypoint.sh');
    expect([...script.matchAll(/^\s*as_image_user "\$TINI" -s --/gm)]).toHaveLength(2);
    expect(/^TINI=\$\{SPARK_TENANCY_TINI:-(\S+)\}$/m.exec(script)?.[1]).toBe(layout.tini);
    expect([...script.matchAll(/setpriv --reuid=(\S+) --regid=(\S+)/g)].map(m => [m[1], m[2]])).toEqual([[layout.user.name, layout.user.group]]);
  });
});

describe('image/Dockerfile agrees with image/layout.json', () => {
  const { stages } = parseDockerfile(fs.readFileSync(path.join(IMAGE_DIR, 'Dockerfile'), 'utf8'));
  const final = stages[stages.length - 1];
  const finalArgs = args(final.instructions);
  // The final stage's ${NAME} references to its own build args, by their defaults.
  const expand = (value: string) => value.replace(/\$\{(\w+)\}/g, (whole, name: string) => finalArgs.get(name) ?? whole);
  const keyword = (k: string) => final.instructions.filter(i => i.keyword === k).map(i => i.args);
  const runs = keyword('RUN').join('\n');

  test("ENV: the layout's env (with the build args' defaults), plus the main classes", () => {
    // GIVEN the final stage's ENV, its ${ARG}s expanded  THEN it is the layout's env and the two main classes
    const env = Object.fromEntries([...pairs(final.instructions, 'ENV')].map(([k, v]) => [k, expand(v)]));
    const { ENGINE_MAIN_CLASS, PROXY_MAIN_CLASS, ...rest } = env;
    expect(rest).toEqual(layout.env);
    expect([ENGINE_MAIN_CLASS, PROXY_MAIN_CLASS].every(c => /^[\w.]+$/.test(c))).toBe(true);
  });

  test("USER, WORKDIR, ENTRYPOINT and EXPOSE are the layout's; no CMD", () => {
    expect(keyword('USER')).toEqual([String(layout.user.uid)]);
    expect(keyword('WORKDIR')).toEqual([layout.workDir]);
    expect(keyword('ENTRYPOINT').map(e => JSON.parse(e) as string[])).toEqual([layout.entrypoint]);
    expect(
      keyword('EXPOSE')
        .flatMap(e => e.split(/\s+/))
        .map(Number),
    ).toEqual(layout.ports);
    expect(stages.flatMap(s => s.instructions).some(i => i.keyword === 'CMD')).toBe(false);
  });

  test("the user and group are created with the layout's names, ids and home", () => {
    const { name, uid, group, gid } = layout.user;
    expect(runs).toContain(`groupadd --system --gid ${gid} ${group}`);
    expect(runs).toContain(`useradd --system --uid ${uid} --gid ${group} --home-dir ${layout.workDir} --no-create-home --shell /usr/sbin/nologin ${name}`);
    // AND the working directory is the one folder of Spark's the user owns
    expect(runs).toContain(`chown ${uid}:${gid} ${layout.workDir}`);
  });

  test("the packages installed on the base are the layout's", () => {
    const install = runs
      .split(/;|\n/)
      .map(s => s.trim())
      .filter(s => s.startsWith('apt-get install'));
    expect(install).toHaveLength(1);
    expect(
      install[0]
        .split(/\s+/)
        .slice(2)
        .filter(w => !w.startsWith('-')),
    ).toEqual(layout.packages);
  });

  test("Spark, the application and the scripts are copied to the layout's paths", () => {
    // GIVEN the COPY instructions, their ${ARG}s expanded
    const list: Copy[] = copies(final).map(c => ({ ...c, dest: expand(c.dest) }));
    const to = (dest: string) => list.filter(c => c.dest === dest);
    // THEN Spark's distribution is SPARK_HOME, with the application's jars in its jars folder too
    expect(to(layout.sparkHome).map(c => c.sources)).toEqual([[layout.sparkHome]]);
    expect(to(`${layout.sparkJars}/`)).toHaveLength(1);
    expect(to(`${layout.appHome}/lib/`)).toHaveLength(1);
    // AND Spark's entrypoint lands at the layout's path (the daemonless build puts ours there)
    expect(to(`${dirname(layout.sparkEntrypoint)}/`).flatMap(c => c.sources)).toContain(layout.sparkEntrypoint);
    // AND the project's scripts, from image/, at their layout paths, executable
    expect(to(layout.bootstrap)).toEqual([{ flags: { chmod: '0755' }, sources: ['bootstrap.sh'], dest: layout.bootstrap }]);
    expect(to(layout.materializer)).toEqual([{ flags: { chmod: '0755' }, sources: ['materialize.sh'], dest: layout.materializer }]);
    expect(basename(layout.materializer)).toBe('materialize.sh');
  });
});
