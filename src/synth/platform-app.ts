import { ApiObject, App, AppProps, Chart, DependencyGraph, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NamespaceChart } from '../constructs/namespace-chart';
import { MANIFEST_SUFFIX, writeDist } from './dist-writer';

/**
 * A cdk8s App whose `synth()` writes one file per namespace, stays linear in the number of charts,
 * and replaces the output folder in one step.
 *
 * Stock `App.synth()` validates and resolves dependencies across the whole tree once per chart
 * (`chart.toJson()` does both), so a thousand charts cost a million construct visits; it also never
 * removes stale files and prefixes `0000-` once charts depend on each other. Here each chart is
 * validated and rendered on its own subtree: the same objects and the same YAML (cdk8s's own
 * `Yaml.stringify`), in one pass. Charts must not depend on each other across charts, which this
 * package's charts never do; the check below enforces it.
 */
export class PlatformApp extends App {
  constructor(props: AppProps = {}) {
    super(props);
  }

  /** The rendered manifests: file name → YAML, in chart order. */
  public synthManifests(): Map<string, string> {
    const files = new Map<string, string>();
    for (const chart of chartsOf(this)) {
      const name = fileNameOf(chart) + MANIFEST_SUFFIX;
      if (files.has(name)) throw new Error(`two charts would both write ${name}; each namespace belongs to one chart`);
      files.set(name, Yaml.stringify(...renderChart(chart)));
    }
    return files;
  }

  /** Validates, renders and writes every chart to `outdir`, replacing what was there. */
  public synth(): void {
    writeDist(this.outdir, this.synthManifests());
  }
}

function fileNameOf(chart: Chart): string {
  return NamespaceChart.isNamespaceChart(chart) ? chart.namespaceName : chart.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/**
 * The app's charts in the order `App.charts` gives. Without dependencies that order is the
 * construct tree's pre-order, which needs no graph; cdk8s builds one over the whole tree.
 */
function chartsOf(app: App): Chart[] {
  const all = app.node.findAll();
  if (all.some(c => c.node.dependencies.length > 0)) return app.charts;
  return all.filter((c): c is Chart => Chart.isChart(c));
}

/** Validates the chart's constructs and returns its objects' JSON, in dependency order. */
export function renderChart(chart: Chart): unknown[] {
  const constructs = chart.node.findAll();
  const errors: string[] = [];
  let hasDependencies = false;
  for (const construct of constructs) {
    for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
    for (const dependency of construct.node.dependencies) {
      assertSameChart(chart, construct, dependency);
      hasDependencies = true;
    }
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  // Same order as cdk8s's DependencyGraph topology, which for a chart without dependencies is the
  // pre-order of its tree; building that graph costs more than rendering the objects.
  const ordered = hasDependencies ? new DependencyGraph(chart.node).topology() : constructs;
  return ordered
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
    .map(o => o.toJson());
}

function assertSameChart(chart: Chart, source: IConstruct, target: IConstruct): void {
  if (Chart.of(target) !== chart) {
    throw new Error(`${source.node.path} depends on ${target.node.path} in another chart; PlatformApp renders each namespace on its own`);
  }
}
