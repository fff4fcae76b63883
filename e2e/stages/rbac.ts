import { RbacContractRow, RbacServiceAccount } from '../../src/constructs/rbac-contract';
import { canI } from '../lib/access-review';
import { E2eContext } from '../lib/context';
import { HarnessError } from '../lib/processes';

/** Where each kind of namespace in the contract is, for the platform under test. */
export interface RbacNamespaces {
  /** The engine's and executor's own tenant namespace. */
  readonly tenant: string;
  /** Every tenant namespace of the run: the proxy launches into each, so its tenant rows are asked in each. */
  readonly tenants: readonly string[];
  readonly otherTenant: string;
  readonly proxy: string;
  /** A namespace of the cluster that is not the platform's. */
  readonly outside: string;
}

/**
 * The allow/deny table, decided by the real API server's RBAC authorizer for each ServiceAccount's
 * own TokenRequest token. Every row of the contract must match; `other` is asked in another tenant's
 * namespace (engines, executors) and in a namespace outside the platform (everyone).
 */
export async function checkRbac(
  ctx: E2eContext,
  contract: readonly RbacContractRow[],
  accounts: Record<RbacServiceAccount, { namespace: string; name: string }>,
  where: RbacNamespaces,
): Promise<void> {
  const tokens = new Map<RbacServiceAccount, string | Error>();
  const tokenOf = (who: RbacServiceAccount) => {
    if (!tokens.has(who)) {
      try {
        tokens.set(who, ctx.cluster.admin.createToken(accounts[who].namespace, accounts[who].name));
      } catch (error) {
        tokens.set(who, error as Error);
      }
    }
    return tokens.get(who)!;
  };
  let asked = 0;
  const mismatches: string[] = [];
  for (const row of contract) {
    const account = accounts[row.serviceAccount];
    const subject = `${account.namespace}/${account.name}`;
    const token = tokenOf(row.serviceAccount);
    if (token instanceof Error) {
      const message = `${subject}: no token from the TokenRequest API: ${token.message}`;
      if (!mismatches.includes(message)) mismatches.push(message);
      continue;
    }
    const namespaces =
      row.namespace === 'tenant'
        ? row.serviceAccount === 'proxy'
          ? where.tenants
          : [where.tenant]
        : row.namespace === 'proxy'
          ? [where.proxy]
          : row.serviceAccount === 'proxy'
            ? [where.outside]
            : [where.otherTenant, where.outside];
    for (const namespace of namespaces) {
      let allowed: boolean;
      try {
        allowed = await canI(ctx.cluster.server, ctx.cluster.pki.caCert, token, { verb: row.verb, resource: row.resource, namespace });
      } catch (error) {
        if (!(error instanceof HarnessError)) throw error;
        mismatches.push(error.message);
        continue;
      }
      asked++;
      ctx.report.data.rbac.push({ serviceAccount: subject, verb: row.verb, resource: row.resource, namespace, expected: row.expected, allowed });
      if (allowed !== row.expected) {
        mismatches.push(
          `${subject} ${row.verb} ${row.resource} in ${namespace}: the API server ${allowed ? 'allowed' : 'denied'} it, the contract says ${row.expected ? 'allow' : 'deny'}`,
        );
      }
    }
  }
  // The table a reviewer reads: what each ServiceAccount may do where (everything else is denied, and was asked).
  const allowedRows = ctx.report.data.rbac.filter(r => r.allowed);
  const byWho = new Map<string, string[]>();
  for (const r of allowedRows) {
    const key = `${r.serviceAccount.padEnd(30)} in ${r.namespace.padEnd(14)} ${r.resource}`;
    byWho.set(key, [...(byWho.get(key) ?? []), r.verb]);
  }
  console.log(
    ['  allowed by the API server (every other row of the table was denied):', ...[...byWho].map(([key, verbs]) => `    ${key}: ${verbs.join(', ')}`)].join(
      '\n',
    ),
  );
  for (const who of Object.keys(accounts) as RbacServiceAccount[]) {
    const rows = ctx.report.data.rbac.filter(r => r.serviceAccount === `${accounts[who].namespace}/${accounts[who].name}`);
    const wrong = mismatches.filter(m => m.startsWith(`${accounts[who].namespace}/${accounts[who].name}`));
    ctx.report.check(
      `RBAC of ${accounts[who].namespace}/${accounts[who].name}: ${rows.length} rows asked, each as the contract says`,
      rows.length > 0 && wrong.length === 0,
      wrong.join('\n') || 'no row could be asked',
    );
  }
  const harness = mismatches.filter(m => m.startsWith('SelfSubjectAccessReview'));
  if (harness.length > 0) ctx.report.check('every access review was answered', false, harness.join('\n'));
  console.log(`  ${asked} access reviews asked`);
}
