import * as fs from 'fs';
import * as path from 'path';
import { synthPlatform } from '../../src';

/**
 * A small platform of the plan tests' own: a proxy namespace, two tenants on the env transport and
 * one on objects, krb5.conf for every role, a keytab from a secret store for proxy and engines.
 * `write` lays it out in `dir` and synthesizes its dist/ there, as a repository would commit it.
 */
export const FIXTURE_TENANTS = ['blue', 'green', 'red'];

export function fixtureSpec(tenants: readonly string[] = FIXTURE_TENANTS, delivery?: 'featureSteps' | 'podTemplates'): string {
  return [
    'name: fleet',
    'image: registry.example.com/fleet:2.0.0',
    'roleEnv: FLEET_EXECUTOR',
    'transport: env',
    ...(delivery ? [`delivery: ${delivery}`] : []),
    'proxy: { namespace: fleet-proxy }',
    'kerberos: { principal: fleet/spark@EXAMPLE.COM, keytab: fleet.keytab, krb5Conf: krb5.conf }',
    'secrets: { store: { name: vault, kind: ClusterSecretStore } }',
    'files:',
    '  - { name: krb5.conf, source: conf/krb5.conf, mountPath: /etc/fleet/krb5, roles: [proxy, engine, executor] }',
    '  - { name: fleet.keytab, secret: true, mountPath: /etc/fleet/keytab, roles: [proxy, engine] }',
    '  - { name: engine.properties, source: conf/engine.properties, mountPath: /etc/fleet/engine, roles: [engine] }',
    'tenants:',
    ...tenants.map(t => (t === 'red' ? `  - { namespace: ${t}, transport: objects }` : `  - { namespace: ${t} }`)),
    '',
  ].join('\n');
}

/** Writes the fixture's spec and sources into `dir` and synthesizes `dir/dist`. Returns the spec's path. */
export function writeFixture(dir: string, tenants: readonly string[] = FIXTURE_TENANTS, delivery?: 'featureSteps' | 'podTemplates'): string {
  fs.mkdirSync(path.join(dir, 'conf'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'conf', 'krb5.conf'), '[libdefaults]\n  default_realm = EXAMPLE.COM\n');
  fs.writeFileSync(path.join(dir, 'conf', 'engine.properties'), 'engine.threads=4\n');
  const spec = path.join(dir, 'platform.yaml');
  fs.writeFileSync(spec, fixtureSpec(tenants, delivery));
  synthPlatform({ specFile: spec, outdir: path.join(dir, 'dist') });
  return spec;
}
