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
  const peer = (who: string, sameNamespace: string) =>
    who === '*'
      ? `all pods${sameNamespace}`
      : who.startsWith('namespace:')
        ? `namespace ${who.slice('namespace:'.length).replace(' pods:', ', pods ')}`
        : who.startsWith('cidr:')
          ? who.slice('cidr:'.length)
          : `${who}${sameNamespace}`;
  const flowRows = (direction: 'ingress' | 'egress') =>
    model.groups.flatMap(g =>
      g.flows
        .filter(f => f.direction === direction)
        .map(
          f =>
            `| ${groupTitle(g)} | ${peer(f.from, direction === 'ingress' ? ' in the same namespace' : '')} | ${peer(f.to, direction === 'egress' ? ' in the same namespace' : '')} | ${f.ports} |`,
        ),
    );
  const denies = model.groups.filter(g => g.defaultDeny).map(groupTitle);
  const limited = model.groups.filter(g => g.egressIsolated).map(groupTitle);
  const egress = flowRows('egress');
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
    "`env var`: inline in the init container's environment (transport `env`); `ConfigMap`/`Secret`: read from that object in the pod's namespace.",
    '',
    `| file | source | mount path | ${columns.map(c => c.title).join(' | ')} |`,
    `|---|---|---|${columns.map(() => '---').join('|')}|`,
    ...rows,
    '',
    '## Allowed ingress',
    '',
    denies.length > 0 ? `All other ingress is denied in: ${denies.join('; ')}.` : 'No namespace denies other ingress by default.',
    '',
    '| tenant namespaces | from | to | ports |',
    '|---|---|---|---|',
    ...flowRows('ingress'),
    '',
    '## Allowed egress',
    '',
    limited.length > 0
      ? `Egress is limited to these flows in: ${limited.join('; ')}.`
      : 'No NetworkPolicy limits egress: tenant pods may connect anywhere (set network.egress to limit it).',
    ...(egress.length > 0 ? ['', '| tenant namespaces | from | to | ports |', '|---|---|---|---|', ...egress] : []),
    '',
  ].join('\n');
}
