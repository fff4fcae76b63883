import { describeObjects, describeReason, describeSize, humanBytes, namespaceCounts } from './describe';
import { Plan } from './plan';

/** Output formats of `plan`: text for a terminal, Markdown for a pull-request comment, JSON for tools. */
export type PlanFormat = 'text' | 'markdown' | 'json';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

export function renderPlan(plan: Plan, format: PlanFormat): string {
  if (format === 'json') return `${JSON.stringify(plan, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(plan) : renderText(plan);
}

/** A namespace's objects on one line when a few, by count when many (a new tenant's file lists all its objects). */
const LISTED_OBJECTS = 12;

function renderText(plan: Plan): string {
  const out: string[] = [`spark-tenancy plan: synth against ${plan.baseline}`];
  if (plan.baselineMissing) out.push(`  note: ${plan.baselineMissing}; everything is planned as new`);
  if (!plan.changes) return `${[...out, '  no changes: the committed manifests are what synth writes'].join('\n')}\n`;
  out.push(`  namespaces: ${namespaceCounts(plan)}`);
  if (plan.risks.length > 0) {
    out.push('', 'risks:');
    for (const risk of plan.risks) out.push(`  ! ${risk.kind} [${risk.namespace}] ${risk.message}`);
  }
  if (plan.rolls.length > 0) {
    out.push('', `rolls: ${plan.pods} pod(s) restart`);
    for (const roll of plan.rolls) out.push(`  ~ ${roll.object} (${roll.component}, ${roll.pods} pod(s)): ${roll.reasons.map(describeReason).join('; ')}`);
  }
  if (plan.namespaces.length > 0) {
    out.push('', 'namespaces:');
    for (const ns of plan.namespaces) {
      const objects = describeObjects(ns);
      out.push(`  ${ns.status === 'added' ? '+' : ns.status === 'removed' ? '-' : '~'} ${ns.namespace} (${ns.status}, ${humanBytes(ns.bytesAfter - ns.bytesBefore, true)}): `
        + `${ns.added.length} added, ${ns.removed.length} removed, ${ns.changed.length} changed`);
      if (objects.length <= LISTED_OBJECTS || ns.status === 'changed') out.push(...objects.map(line => `      ${line}`));
    }
  }
  if (plan.driftNote) out.push('', `drift: ${plan.driftNote}; judged from the committed files alone`);
  if (plan.drift.length > 0) {
    out.push('', 'drift (hand edits in the committed manifests, which synth overwrites):');
    for (const d of plan.drift) out.push(`  ? ${d.object}: ${d.message}`);
  }
  out.push('', 'size:', ...describeSize(plan).map(line => `  ${line}`));
  return `${out.join('\n')}\n`;
}

/** Table cells: a pipe would end the cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

function renderMarkdown(plan: Plan): string {
  const out: string[] = ['## spark-tenancy plan', '', `Synth against \`${plan.baseline}\`.`];
  if (plan.baselineMissing) out.push('', `> **Note:** ${plan.baselineMissing}; everything is planned as new.`);
  if (!plan.changes) return `${[...out, '', 'No changes: the committed manifests are what synth writes.'].join('\n')}\n`;
  out.push('', `**Namespaces:** ${namespaceCounts(plan)} · **Pods restarting:** ${plan.pods}`);
  if (plan.risks.length > 0) {
    out.push('', '### Risks', '');
    for (const risk of plan.risks) out.push(`- **${risk.kind}** \`${risk.namespace}\`: ${risk.message}`);
  }
  if (plan.rolls.length > 0) {
    out.push('', '### Rolls', '', '| workload | component | pods | because |', '|---|---|---|---|');
    for (const roll of plan.rolls) out.push(`| \`${roll.object}\` | ${roll.component} | ${roll.pods} | ${cell(roll.reasons.map(describeReason).join('; '))} |`);
  }
  if (plan.namespaces.length > 0) {
    out.push('', '### Namespaces', '', '| namespace | status | added | removed | changed | size |', '|---|---|---|---|---|---|');
    for (const ns of plan.namespaces) {
      out.push(`| \`${ns.namespace}\` | ${ns.status} | ${ns.added.length} | ${ns.removed.length} | ${ns.changed.length} | ${humanBytes(ns.bytesAfter - ns.bytesBefore, true)} |`);
    }
    out.push('', '<details><summary>Objects</summary>', '');
    for (const ns of plan.namespaces) {
      out.push(`- \`${ns.namespace}\``, ...describeObjects(ns).map(line => `  - \`${line.slice(0, 1)}\` ${line.slice(2)}`));
    }
    out.push('', '</details>');
  }
  if (plan.driftNote) out.push('', `> **Drift:** ${plan.driftNote}; judged from the committed files alone.`);
  if (plan.drift.length > 0) {
    out.push('', '### Drift', '', 'Hand edits in the committed manifests, which synth overwrites:', '');
    for (const d of plan.drift) out.push(`- \`${d.object}\`: ${d.message}`);
  }
  out.push('', '### Size', '', ...describeSize(plan).map(line => `- ${line}`));
  return `${out.join('\n')}\n`;
}
