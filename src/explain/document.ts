import { DeliveredFile } from '../plan/pod-files';
import { groupTitle, platformDiagram, transportOf } from './mermaid';
import { PlatformModel } from './model';

/**
 * docs/platform.md: the diagram, then the files × roles × mount paths table and the allowed flows,
 * all from one model so the picture and the tables cannot disagree.
 */
export function platformDocument(model: PlatformModel, platformName: string, specName: string): string {
  const columns: { title: string; files: readonly DeliveredFile[] }[] = [
    { title: `proxy (${model.proxyNamespace})`, files: model.proxyFiles },
    ...model.groups.flatMap(g => (['engine', 'executor'] as const).map(role => ({ title: `${role} (${groupTitle(g)})`, files: g.files[role] }))),
  ];
  const paths = [...new Set(columns.flatMap(c => c.files.map(f => f.path)))].sort();
  const rows = paths.map(filePath => {
    const any = columns.flatMap(c => c.files).find(f => f.path === filePath)!;
    const { name, source } = model.fileOf(any);
    const slash = filePath.lastIndexOf('/');
    const cells = columns.map(c => {
      const file = c.files.find(f => f.path === filePath);
      return file ? transportOf(file) : '—';
    });
    return `| ${name} | ${source} | \`${filePath.slice(0, slash)}\` | ${cells.join(' | ')} |`;
  });
  const flows = model.groups.flatMap(g => g.flows.map(f => `| ${groupTitle(g)} | ${f.to === '*' ? 'all pods' : f.to} | ${f.from.startsWith('namespace:') ? `pods in namespace ${f.from.slice('namespace:'.length)}` : `${f.from === '*' ? 'all pods' : f.from} in the same namespace`} | ${f.ports} |`));
  const denies = model.groups.filter(g => g.defaultDeny).map(groupTitle);
  return [
    `# The platform: ${platformName}`,
    '',
    `<!-- Written by \`npm run explain\` from ${specName}; do not edit: a test checks that it is up to date. -->`,
    '',
    'Solid arrows: a file reaching a pod, labelled with how its init container (`config-sync`) gets it.',
    'Thick arrows: which pods launch which. Dotted arrows: ingress the NetworkPolicies allow, with ports.',
    '',
    '```mermaid',
    platformDiagram(model).trimEnd(),
    '```',
    '',
    '## Files, roles and mount paths',
    '',
    '`env var`: inline in the init container\'s environment (transport `env`); `ConfigMap`/`Secret`: read from that object in the pod\'s namespace.',
    '',
    `| file | source | mount path | ${columns.map(c => c.title).join(' | ')} |`,
    `|---|---|---|${columns.map(() => '---').join('|')}|`,
    ...rows,
    '',
    '## Allowed ingress',
    '',
    denies.length > 0 ? `All other ingress is denied in: ${denies.join('; ')}.` : 'No namespace denies other ingress by default.',
    '',
    '| tenant namespaces | to | from | ports |',
    '|---|---|---|---|',
    ...flows,
    '',
  ].join('\n');
}
