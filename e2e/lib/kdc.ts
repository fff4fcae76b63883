import * as fs from 'fs';
import * as path from 'path';
import { Daemons, freePort, HarnessError, run, waitUntil } from './processes';

/** A throw-away MIT Kerberos KDC (Debian's krb5-kdc) on a loopback address, with its own realm. */
export interface Kdc {
  readonly realm: string;
  /** The address it listens on (TCP and UDP): a loopback address, or one the caller names. */
  readonly address: string;
  readonly port: number;
  /** Creates a principal with a random key and exports its keys into a new keytab file. */
  addPrincipal(principal: string, keytab?: string): void;
}

/** A loopback address of the machine's own, so the KDC is reachable only from here (unless told another). */
const KDC_ADDRESS = '127.0.0.2';
const TOOLS = ['krb5kdc', 'kdb5_util', 'kadmin.local'];

export async function startKdc(daemons: Daemons, dir: string, realm: string, address = KDC_ADDRESS): Promise<Kdc> {
  for (const tool of TOOLS) {
    const found = run('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`]);
    if (found.status !== 0) throw new HarnessError(`${tool} is missing: install MIT Kerberos (apt-get install krb5-kdc krb5-admin-server)`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const file = (name: string) => path.join(dir, name);
  fs.writeFileSync(file('krb5.conf'), `[libdefaults]\n  default_realm = ${realm}\n[realms]\n  ${realm} = {\n    kdc = ${address}:${port}\n  }\n`);
  fs.writeFileSync(file('kdc.conf'), [
    '[kdcdefaults]',
    `  kdc_listen = ${address}:${port}`,
    `  kdc_tcp_listen = ${address}:${port}`,
    '[realms]',
    `  ${realm} = {`,
    `    database_name = ${file('principal')}`,
    `    key_stash_file = ${file('stash')}`,
    `    acl_file = ${file('kadm5.acl')}`,
    `    kdc_listen = ${address}:${port}`,
    `    kdc_tcp_listen = ${address}:${port}`,
    '    max_life = 1h',
    '  }',
    '[logging]',
    `  kdc = FILE:${file('kdc.log')}`,
    '',
  ].join('\n'));
  fs.writeFileSync(file('kadm5.acl'), '');
  // The KDC and its tools read these files, never the machine's /etc/krb5.conf or /etc/krb5kdc.
  const env = { ...process.env, KRB5_CONFIG: file('krb5.conf'), KRB5_KDC_PROFILE: file('kdc.conf') };
  const sbin = (tool: string) => (fs.existsSync(`/usr/sbin/${tool}`) ? `/usr/sbin/${tool}` : tool);
  const created = run(sbin('kdb5_util'), ['create', '-s', '-r', realm, '-P', 'throw-away-master-key'], { env });
  if (created.status !== 0) throw new HarnessError(`kdb5_util create: ${created.stderr.trim()}`);
  const kdc = daemons.start('krb5kdc', sbin('krb5kdc'), ['-n', '-r', realm, '-P', file('kdc.pid')], file('krb5kdc.out'), env);
  await waitUntil('krb5kdc', () => fs.existsSync(file('kdc.log')) && /commencing operation/.test(fs.readFileSync(file('kdc.log'), 'utf8')), {
    timeoutMs: 30_000, gaveUp: () => kdc.exited, describe: () => `${kdc.tail()}\n${fs.existsSync(file('kdc.log')) ? fs.readFileSync(file('kdc.log'), 'utf8') : ''}`,
  });
  const kadmin = (query: string) => {
    const result = run(sbin('kadmin.local'), ['-r', realm, '-q', query], { env });
    if (result.status !== 0 || /error|cannot|failed/i.test(result.stderr)) throw new HarnessError(`kadmin.local -q "${query}": ${result.stderr.trim()}`);
  };
  return {
    realm,
    address,
    port,
    addPrincipal: (principal, keytab) => {
      kadmin(`addprinc -randkey ${principal}`);
      if (keytab) kadmin(`ktadd -k ${keytab} ${principal}`);
    },
  };
}

/**
 * Points a spec variant's Kerberos files (copied into `specDir/config` by writeSpecVariant) at a
 * running KDC: krb5.conf names `kdcHost` at the KDC's port (the host alias maps the name to the KDC's
 * address), and the keytab is the one the KDC exported.
 */
export function pointSpecAtKdc(kdc: Kdc, specDir: string, kdcHost: string, keytab: string): void {
  const file = path.join(specDir, 'config', 'krb5.conf');
  const krb5 = fs.readFileSync(file, 'utf8').replace(`${kdcHost}:88`, `${kdcHost}:${kdc.port}`);
  if (!krb5.includes(`${kdcHost}:${kdc.port}`)) throw new HarnessError(`config/krb5.conf does not name ${kdcHost}:88`);
  fs.writeFileSync(file, krb5);
  fs.copyFileSync(keytab, path.join(specDir, 'config', 'app.keytab'));
}
