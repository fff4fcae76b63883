import { describeReason } from './describe';
import { NamespaceChange, Plan } from './plan';
import { Risk } from './risks';
import { Roll } from './rolls';

/**
 * A plan folded for people: namespaces that change alike, workloads that roll for the same reasons
 * and risks that say the same thing are one entry each, naming their namespaces, so a thousand
 * tenants read like one. Each entry shows its first namespace's facts; two entries are alike when
 * their facts are the same once their own namespace's name is taken out.
 */
export interface PlanSummary {
  readonly namespaces: readonly (NamespaceChange & { readonly namespaces: readonly string[]; readonly bytesDelta: number })[];
  readonly rolls: readonly (Roll & { readonly namespaces: readonly string[]; readonly totalPods: number; readonly because: string })[];
  readonly risks: readonly (Risk & { readonly namespaces: readonly string[] })[];
}

export function summarize(plan: Plan): PlanSummary {
  return {
    namespaces: fold(
      plan.namespaces,
      n => n.namespace,
      n => JSON.stringify([n.status, n.added, n.removed, n.changed]),
    ).map(({ first, namespaces, members }) => ({ ...first, namespaces, bytesDelta: members.reduce((sum, n) => sum + n.bytesAfter - n.bytesBefore, 0) })),
    rolls: fold(
      plan.rolls,
      r => r.namespace,
      r => JSON.stringify([r.kind, r.name, r.component, r.pods, r.reasons]),
    ).map(({ first, namespaces, members }) => ({
      ...first,
      namespaces,
      totalPods: members.reduce((sum, r) => sum + r.pods, 0),
      because: first.reasons.map(describeReason).join('; '),
    })),
    risks: fold(
      plan.risks,
      r => r.namespace,
      r => `${r.kind} ${r.message}`,
    ).map(({ first, namespaces }) => ({ ...first, namespaces })),
  };
}

/** Groups items whose key, with their namespace's name replaced, is the same; in first-seen order. */
function fold<T>(items: readonly T[], namespaceOf: (item: T) => string, keyOf: (item: T) => string): { first: T; namespaces: string[]; members: T[] }[] {
  const groups = new Map<string, { first: T; namespaces: string[]; members: T[] }>();
  for (const item of items) {
    const namespace = namespaceOf(item);
    const key = keyOf(item).split(namespace).join('\u0000');
    const group = groups.get(key);
    if (group) {
      group.namespaces.push(namespace);
      group.members.push(item);
    } else {
      groups.set(key, { first: item, namespaces: [namespace], members: [item] });
    }
  }
  return [...groups.values()];
}

/** Namespaces listed before the rest are counted. */
const LISTED = 5;

/** `team-a`, or `team-a, team-b and 998 more (1000 namespaces)`. */
export function namespaceList(namespaces: readonly string[]): string {
  if (namespaces.length === 1) return namespaces[0];
  const more = namespaces.length - LISTED;
  return `${namespaces.slice(0, LISTED).join(', ')}${more > 0 ? ` and ${more} more` : ''} (${namespaces.length} namespaces)`;
}
