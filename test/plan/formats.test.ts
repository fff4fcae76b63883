import * as fs from 'fs';
import * as path from 'path';
import { Plan } from '../../src/plan/plan';
import { namespaceList, PlanSummary } from '../../src/plan/summary';
import { tempDirs } from '../harness/temp-dirs';
import { fixtureSpec, writeFixture } from './fixture';
import { plan } from './run';

const tmp = tempDirs();

/** The facts a reviewer acts on, as a structure: risks, rolls with their reasons, and namespaces with their counts. */
interface Facts {
  risks: { kind: string; namespaces: string; message: string }[];
  rolls: { workload: string; namespaces: string; component: string; pods: number; because: string }[];
  namespaces: { namespaces: string; status: string; added: number; removed: number; changed: number }[];
  pods: number;
}

type JsonPlan = Plan & { summary: PlanSummary };

function factsOfJson(p: JsonPlan): Facts {
  return {
    risks: p.summary.risks.map(r => ({ kind: r.kind, namespaces: namespaceList(r.namespaces), message: r.message })),
    rolls: p.summary.rolls.map(r => ({
      workload: `${r.kind} ${r.name}`,
      namespaces: namespaceList(r.namespaces),
      component: r.component,
      pods: r.totalPods,
      because: r.because,
    })),
    namespaces: p.summary.namespaces.map(n => ({
      namespaces: namespaceList(n.namespaces),
      status: n.status,
      added: n.added.length,
      removed: n.removed.length,
      changed: n.changed.length,
    })),
    pods: p.pods,
  };
}

/** Reads the same facts back out of the Markdown comment: its risk bullets, roll rows and namespace rows. */
function factsOfMarkdown(markdown: string): Facts {
  const section = (title: string) => {
    const start = markdown.indexOf(`### ${title}\n`);
    if (start < 0) return [];
    const end = markdown.indexOf('\n### ', start + 1);
    return markdown.slice(start, end < 0 ? undefined : end).split('\n');
  };
  const rows = (title: string) =>
    section(title)
      .filter(l => l.startsWith('| ') && !l.startsWith('|---'))
      .slice(1)
      .map(l =>
        l
          .slice(2, -2)
          .split(/ (?<!\\)\| /)
          .map(c => c.replace(/\\\|/g, '|')),
      );
  return {
    risks: section('Risks').flatMap(l => {
      const m = /^- \*\*([a-z-]+)\*\* `([^`]+)`: (.*)$/.exec(l);
      return m ? [{ kind: m[1], namespaces: m[2], message: m[3] }] : [];
    }),
    rolls: rows('Rolls').map(([workload, namespaces, component, pods, because]) => ({
      workload: workload.slice(1, -1),
      namespaces,
      component,
      pods: Number(pods),
      because,
    })),
    namespaces: rows('Namespaces').map(([namespaces, status, added, removed, changed]) => ({
      namespaces,
      status,
      added: Number(added),
      removed: Number(removed),
      changed: Number(changed),
    })),
    pods: Number(/\*\*Pods restarting:\*\* (\d+)/.exec(markdown)?.[1]),
  };
}

test('--format markdown and --format json carry the same facts', async () => {
  // GIVEN a change with every kind of fact: a file that rolls every pod, a tenant added, a tenant removed
  const dir = tmp('formats-');
  const spec = writeFixture(dir);
  const dist = path.join(dir, 'dist');
  fs.appendFileSync(path.join(dir, 'conf', 'krb5.conf'), '# rotated\n');
  fs.writeFileSync(spec, fixtureSpec(['blue', 'red', 'violet']));
  // WHEN it is planned in both formats
  const json = await plan(['--spec', spec, '--dist', dist, '--format', 'json']);
  const markdown = await plan(['--spec', spec, '--dist', dist, '--format', 'markdown']);
  // THEN both exit 2, and the Markdown read back gives the JSON's risks, rolls, namespaces and pod count
  expect([json.code, markdown.code]).toEqual([2, 2]);
  const parsed = JSON.parse(json.stdout) as JsonPlan;
  const facts = factsOfJson(parsed);
  expect(facts.risks.map(r => r.kind)).toEqual(expect.arrayContaining(['proxy', 'namespace-removed', 'secret-required', 'rbac']));
  expect(facts.rolls.length).toBeGreaterThan(0);
  expect(factsOfMarkdown(markdown.stdout)).toEqual(facts);
  // AND the folded entries account for every per-namespace fact in the JSON, once
  expect(parsed.summary.rolls.flatMap(r => r.namespaces).sort()).toEqual(parsed.rolls.map(r => r.namespace).sort());
  expect(parsed.summary.namespaces.flatMap(n => n.namespaces).sort()).toEqual(parsed.namespaces.map(n => n.namespace).sort());
  expect(parsed.summary.risks.flatMap(r => r.namespaces).length).toBe(parsed.risks.length);
  expect(parsed.summary.rolls.reduce((sum, r) => sum + r.totalPods, 0)).toBe(parsed.pods);
});
