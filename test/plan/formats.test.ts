import * as fs from 'fs';
import * as path from 'path';
import { Plan } from '../../src/plan/plan';
import { describeReason } from '../../src/plan/describe';
import { tempDirs } from '../harness/temp-dirs';
import { fixtureSpec, writeFixture } from './fixture';
import { plan } from './run';

const tmp = tempDirs();

/** The facts a reviewer acts on, as a structure: risks, rolls with their reasons, and namespaces with their counts. */
interface Facts {
  risks: { kind: string; namespace: string; message: string }[];
  rolls: { object: string; component: string; pods: number; because: string }[];
  namespaces: { namespace: string; status: string; added: number; removed: number; changed: number }[];
  pods: number;
}

function factsOfJson(p: Plan): Facts {
  return {
    risks: p.risks.map(r => ({ kind: r.kind, namespace: r.namespace, message: r.message })),
    rolls: p.rolls.map(r => ({ object: r.object, component: r.component, pods: r.pods, because: r.reasons.map(describeReason).join('; ') })),
    namespaces: p.namespaces.map(n => ({ namespace: n.namespace, status: n.status, added: n.added.length, removed: n.removed.length, changed: n.changed.length })),
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
  const rows = (title: string) => section(title).filter(l => l.startsWith('| `')).map(l => l.slice(2, -2).split(/ (?<!\\)\| /).map(c => c.replace(/\\\|/g, '|')));
  return {
    risks: section('Risks').flatMap(l => {
      const m = /^- \*\*([a-z-]+)\*\* `([^`]+)`: (.*)$/.exec(l);
      return m ? [{ kind: m[1], namespace: m[2], message: m[3] }] : [];
    }),
    rolls: rows('Rolls').map(([object, component, pods, because]) => ({ object: object.slice(1, -1), component, pods: Number(pods), because })),
    namespaces: rows('Namespaces').map(([namespace, status, added, removed, changed]) => ({
      namespace: namespace.slice(1, -1), status, added: Number(added), removed: Number(removed), changed: Number(changed),
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
  const facts = factsOfJson(JSON.parse(json.stdout) as Plan);
  expect(facts.risks.map(r => r.kind)).toEqual(expect.arrayContaining(['proxy', 'namespace-removed', 'secret-required', 'rbac']));
  expect(facts.rolls.length).toBeGreaterThan(0);
  expect(factsOfMarkdown(markdown.stdout)).toEqual(facts);
});
