import { KERBEROS_FILE_ROLES } from '../../spark/kerberos';
import { suggestion } from '../did-you-mean';
import type { PlatformFile } from '../platform';
import type { PlatformSpec } from '../types';
import type { Report } from './report';

/* Kerberos: the principal, the keytab and krb5.conf files the login needs, for the roles that log in. */

/**
 * The `kerberos` section names files by their `name`: each must be exactly one entry, delivered to
 * the roles that log in or read krb5.conf, and the keytab a secret that executors never get.
 */
export function checkKerberos(spec: PlatformSpec, files: readonly PlatformFile[], report: Report): void {
  const kerberos = spec.kerberos;
  if (!kerberos) return;
  const names = [...new Set(files.map(f => f.name))].join(', ');
  for (const field of ['keytab', 'krb5Conf'] as const) {
    const where = ['kerberos', field];
    const name = kerberos[field];
    const matches = files.filter(f => f.name === name);
    if (matches.length === 0) {
      report(
        where,
        `no files[] entry is named "${name}"${suggestion(
          name,
          files.map(f => f.name),
        )}; valid names: ${names}`,
      );
      continue;
    }
    if (matches.length > 1) {
      report(where, `"${name}" names ${matches.map(f => `files[${f.index}]`).join(' and ')}; give the ${field} file a name no other entry has`);
      continue;
    }
    const [file] = matches;
    const { required, forbidden } = KERBEROS_FILE_ROLES[field];
    const missing = required.filter(r => !file.roles.includes(r));
    if (missing.length > 0) {
      report(
        where,
        `files[${file.index}] ("${name}") does not go to ${missing.join(' and ')}, which ${
          field === 'keytab' ? 'logs in from the keytab (the engine is the Spark driver)' : 'must read krb5.conf (-Djava.security.krb5.conf)'
        }; add ${missing.join(', ')} to files[${file.index}].roles`,
      );
    }
    const given = forbidden.filter(r => file.roles.includes(r));
    if (given.length > 0) {
      report(
        where,
        `files[${file.index}] ("${name}") goes to ${given.join(', ')}: executors run user code and authenticate with the ` +
          `driver's delegation tokens (SPARK-25815), so they must not hold the keytab; remove ${given.join(', ')} from files[${file.index}].roles`,
      );
    }
    if (field === 'keytab' && !file.secret) {
      report(
        where,
        `files[${file.index}] ("${name}") is not secret: a keytab is a password; set secret: true on it (it then comes from the Secret, never from Git)`,
      );
    }
  }
}
