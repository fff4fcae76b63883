import { DeliveredFile } from '../plan/pod-files';
import { PlatformModel, TenantGroup } from './model';

/** Tenant names listed in a group's title before the rest are counted. */
const LISTED_TENANTS = 6;

/** Mermaid label text: quotes end a label, so they become Mermaid's entity. */
const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;

/** How a file reaches a pod, for edge labels and the table: the init container's source. */
export function transportOf(file: DeliveredFile): string {
  return file.from === 'env' ? 'env var' : file.from;
}

/** `team-a, team-b and 998 more`. */
export function groupTitle(group: TenantGroup): string {
  const shown = group.namespaces.slice(0, LISTED_TENANTS).join(', ');
  const more = group.namespaces.length - LISTED_TENANTS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/**
 * A Mermaid flowchart of the platform: the proxy namespace and one box per tenant group; in each, the
 * objects files come from (a ConfigMap, the Secret, or inline env vars of the init container) with
 * an arrow to each pod naming the files it gets from there (solid), which pods launch which (thick),
 * and the ingress the NetworkPolicies allow (dotted, with ports). Node ids derive from names only,
 * so the same platform always draws the same text.
 */
export function platformDiagram(model: PlatformModel): string {
  const lines = ['flowchart LR'];
  const edges: string[] = [];
  const edge = (line: string) => {
    if (!edges.includes(line)) edges.push(line);
  };
  /** Source nodes of one namespace box, and the arrows from them to a pod, one per source. */
  const deliveries = (box: string, pod: string, files: readonly DeliveredFile[], sources: Map<string, string>) => {
    const bySource = new Map<string, string[]>();
    for (const file of files) bySource.set(transportOf(file), [...(bySource.get(transportOf(file)) ?? []), model.fileOf(file).name]);
    for (const [source, names] of [...bySource.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!sources.has(source)) sources.set(source, `${box}_src_${sources.size + 1}`);
      edge(`  ${sources.get(source)} -->|${label(names.join(', '))}| ${pod}`);
    }
  };
  const sourceNodes = (sources: Map<string, string>) =>
    [...sources].map(([source, id]) => `    ${id}[(${label(source === 'env var' ? 'env vars of config-sync (inline)' : source)})]`);

  const proxySources = new Map<string, string>();
  deliveries('proxy', 'proxy', model.proxyFiles, proxySources);
  lines.push(
    `  subgraph proxy_ns[${label(`namespace ${model.proxyNamespace} (proxy)`)}]`,
    `    proxy[${label('proxy')}]`,
    ...sourceNodes(proxySources),
    '  end',
  );
  // Namespaces and addresses outside the platform that policies name, drawn once each.
  const outside = new Map<string, string>();
  for (const group of model.groups) {
    const sources = new Map<string, string>();
    for (const role of ['engine', 'executor'] as const) deliveries(group.id, `${group.id}_${role}`, group.files[role], sources);
    lines.push(`  subgraph ${group.id}[${label(`tenant namespaces, transport ${group.transport}: ${groupTitle(group)}`)}]`);
    lines.push(
      `    ${group.id}_engine[${label('engine and cluster-mode drivers')}]`,
      `    ${group.id}_executor[${label('executors')}]`,
      ...sourceNodes(sources),
      '  end',
    );
  }
  for (const group of model.groups) {
    edge(`  proxy ==>|${label('spark-submit')}| ${group.id}_engine`);
    edge(`  ${group.id}_engine ==>|${label('launches')}| ${group.id}_executor`);
    const nodes = (who: string): string[] => {
      if (who === `namespace:${model.proxyNamespace}`) return ['proxy'];
      if (who.startsWith('namespace:') || who.startsWith('cidr:')) {
        const id = `out_${slug(who)}`;
        outside.set(id, who.startsWith('cidr:') ? who.slice('cidr:'.length) : `namespace ${who.slice('namespace:'.length).replace(' pods:', ': pods ')}`);
        return [id];
      }
      const picked = who === '*' ? ['engine', 'executor'] : who.split(',');
      return [...new Set(picked.map(c => (c === 'executor' ? `${group.id}_executor` : `${group.id}_engine`)))];
    };
    // One dotted arrow per pair of pods, with every port the policies allow between them.
    const ports = new Map<string, string[]>();
    // Egress to the pods' own namespace is the namespace's own traffic: the ingress arrows show it.
    for (const flow of group.flows.filter(f => f.direction === 'ingress' || f.to.startsWith('namespace:') || f.to.startsWith('cidr:'))) {
      for (const from of nodes(flow.from)) {
        for (const to of nodes(flow.to)) ports.set(`${from} ${to}`, [...new Set([...(ports.get(`${from} ${to}`) ?? []), ...flow.ports.split(', ')])]);
      }
    }
    for (const [pair, list] of ports) {
      const [from, to] = pair.split(' ');
      edge(`  ${from} -.->|${label(list.join(', '))}| ${to}`);
    }
  }
  const outsideNodes = [...outside].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, text]) => `  ${id}[${label(text)}]`);
  return `${[...lines, ...outsideNodes, ...edges].join('\n')}\n`;
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}
