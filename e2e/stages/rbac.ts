import { RbacExpectation } from '../../src/constructs/rbac-contract';
import { E2eContext } from '../lib/context';
import { serviceAccountIdentity, ServiceAccountIdentity } from '../lib/identities';
import { HarnessError } from '../lib/processes';

/** Where each kind of namespace in the contract is, for the example platform. */
export interface RbacNamespaces {
  readonly tenant: string;
  readonly otherTenant: string;
  readonly proxy: string;
  /** A namespace of the cluster that is not the platform's. */
  readonly outside: string;
}

/**
 * The allow/deny table, decided by the real API server's RBAC authorizer for each ServiceAccount's
 * own token (SelfSubjectAccessReview through `kubectl auth can-i`). Every row must match the contract.
 */
export function checkRbac(ctx: E2eContext, contract: readonly RbacExpectation[], accounts: Record<RbacExpectation['serviceAccount'], { namespace: string; name: string }>, where: RbacNamespaces): void {
  const identities = new Map<string, ServiceAccountIdentity | Error>();
  const identity = (who: RbacExpectation['serviceAccount']) => {
    if (!identities.has(who)) {
      const { namespace, name } = accounts[who];
      try {
        identities.set(who, serviceAccountIdentity(ctx, namespace, name));
      } catch (error) {
        identities.set(who, error as Error);
      }
    }
    return identities.get(who)!;
  };
  const table: string[] = [];
  for (const row of contract) {
    const namespace = where[row.namespace];
    const account = accounts[row.serviceAccount];
    const who = identity(row.serviceAccount);
    const subject = `${account.namespace}/${account.name}`;
    if (who instanceof Error) {
      ctx.report.check(`RBAC ${subject} ${row.verb} ${row.resource} in ${namespace}`, false, `no token for the ServiceAccount: ${who.message}`);
      continue;
    }
    let allowed: boolean;
    try {
      allowed = who.kubectl.canI(row.verb, row.resource, namespace);
    } catch (error) {
      if (!(error instanceof HarnessError)) throw error;
      ctx.report.check(`RBAC ${subject} ${row.verb} ${row.resource} in ${namespace}`, false, error.message);
      continue;
    }
    ctx.report.data.rbac.push({ serviceAccount: subject, verb: row.verb, resource: row.resource, namespace, expected: row.expected, allowed });
    table.push(`${subject.padEnd(34)} ${row.verb.padEnd(16)} ${row.resource.padEnd(24)} ${namespace.padEnd(14)} ${row.expected ? 'allow' : 'deny '}  ${allowed ? 'allowed' : 'denied'}`);
    ctx.report.check(`RBAC ${subject} ${row.expected ? 'may' : 'may not'} ${row.verb} ${row.resource} in ${namespace}`, allowed === row.expected,
      `the API server ${allowed ? 'allowed' : 'denied'} it; the contract says ${row.expected ? 'allow' : 'deny'} (${row.why})`);
  }
  console.log(['  service account                    verb             resource                 namespace      want   API server', ...table.map(l => `  ${l}`)].join('\n'));
}
