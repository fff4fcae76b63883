import { describeObjects, describeSize, humanBytes, namespaceCounts } from './describe';
import { Plan } from './plan';
import { namespaceList, PlanSummary, summarize } from './summary';

/** Output formats of `plan`: text for a terminal, Markdown for a pull-request comment, JSON for tools. */
export type PlanFormat = 'text' | 'markdown' | 'json';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

/** The plan in a format. JSON carries every fact per namespace and, under `summary`, the folded entries the other formats print. */
export function renderPlan(plan: Plan, format: PlanFormat): string {
  const summary = summarize(plan);
  if (format === 'json') return `${JSON.stringify({ ...plan, summary }, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(plan, summary) : renderText(plan, summary);
}

/** Where an entry applies, when it stands for several namespaces: ` in team-a, team-b (2 namespaces)`. */
const where = (namespaces: readonly string[]) => (namespaces.length > 1 ? ` in ${namespaceList(namespaces)}` : '');

function renderText(plan: Plan, summary: PlanSummary): string {
  const out: string[] = [`spark-tenancy plan: synth against ${plan.baseline}`];
  if (plan.baselineMissing) out.push(`  note: ${plan.baselineMissing}; everything is planned as new`);
  if (!plan.changes) return `${[...out, '  no changes: the committed manifests are what synth writes'].join('\n')}\n`;
  out.push(`  namespaces: ${namespaceCounts(plan)}`);
  if (summary.risks.length > 0) {
    out.push('', 'risks:');
    for (const risk of summary.risks) out.push(`  ! ${risk.kind} [${namespaceList(risk.namespaces)}] ${risk.message}`);
  }
  if (summary.rolls.length > 0) {
    out.push('', `rolls: ${plan.pods} pod(s) restart`);
    for (const roll of summary.rolls)
      out.push(
        `  ~ ${roll.namespaces.length > 1 ? `${roll.kind} ${roll.name}` : roll.object}${where(roll.namespaces)} (${roll.component}, ${roll.totalPods} pod(s)): ${roll.because}`,
      );
  }
  if (summary.namespaces.length > 0) {
    out.push('', 'namespaces:');
    for (const ns of summary.namespaces) {
      out.push(
        `  ${ns.status === 'added' ? '+' : ns.status === 'removed' ? '-' : '~'} ${namespaceList(ns.namespaces)} (${ns.status}, ${humanBytes(ns.bytesDelta, true)}): ` +
          `${ns.added.length} added, ${ns.removed.length} removed, ${ns.changed.length} changed${ns.namespaces.length > 1 ? ` each, as in ${ns.namespace}` : ''}`,
      );
      if (ns.status === 'changed') out.push(...describeObjects(ns).map(line => `      ${line}`));
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

/** Drift entries shown in a comment; GitHub refuses comments over 65,536 characters. */
const LISTED_DRIFT = 50;

function renderMarkdown(plan: Plan, summary: PlanSummary): string {
  const out: string[] = ['## spark-tenancy plan', '', `Synth against \`${plan.baseline}\`.`];
  if (plan.baselineMissing) out.push('', `> **Note:** ${plan.baselineMissing}; everything is planned as new.`);
  if (!plan.changes) return `${[...out, '', 'No changes: the committed manifests are what synth writes.'].join('\n')}\n`;
  out.push('', `**Namespaces:** ${namespaceCounts(plan)} · **Pods restarting:** ${plan.pods}`);
  if (summary.risks.length > 0) {
    out.push('', '### Risks', '');
    for (const risk of summary.risks) out.push(`- **${risk.kind}** \`${namespaceList(risk.namespaces)}\`: ${risk.message}`);
  }
  if (summary.rolls.length > 0) {
    out.push('', '### Rolls', '', '| workload | namespaces | component | pods | because |', '|---|---|---|---|---|');
    for (const roll of summary.rolls) {
      out.push(`| \`${roll.kind} ${roll.name}\` | ${namespaceList(roll.namespaces)} | ${roll.component} | ${roll.totalPods} | ${cell(roll.because)} |`);
    }
  }
  if (summary.namespaces.length > 0) {
    out.push('', '### Namespaces', '', '| namespaces | status | added | removed | changed | size |', '|---|---|---|---|---|---|');
    for (const ns of summary.namespaces) {
      out.push(
        `| ${namespaceList(ns.namespaces)} | ${ns.status} | ${ns.added.length} | ${ns.removed.length} | ${ns.changed.length} | ${humanBytes(ns.bytesDelta, true)} |`,
      );
    }
    out.push('', '<details><summary>Objects (of the first namespace of each row)</summary>', '');
    for (const ns of summary.namespaces) {
      out.push(`- \`${ns.namespace}\``, ...describeObjects(ns).map(line => `  - \`${line.slice(0, 1)}\` ${line.slice(2)}`));
    }
    out.push('', '</details>');
  }
  if (plan.driftNote) out.push('', `> **Drift:** ${plan.driftNote}; judged from the committed files alone.`);
  if (plan.drift.length > 0) {
    out.push('', '### Drift', '', 'Hand edits in the committed manifests, which synth overwrites:', '');
    for (const d of plan.drift.slice(0, LISTED_DRIFT)) out.push(`- \`${d.object}\`: ${d.message}`);
    if (plan.drift.length > LISTED_DRIFT) out.push(`- … and ${plan.drift.length - LISTED_DRIFT} more (\`--format json\` lists all)`);
  }
  out.push('', '### Size', '', ...describeSize(plan).map(line => `- ${line}`));
  return `${out.join('\n')}\n`;
}
