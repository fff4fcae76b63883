import { ApiObject, App, AppProps, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NamespaceChart } from '../constructs/namespace-chart';
import { duplicateDefinitions, formatViolation, identityOf, ObjectIdentity, validateEachDocument, Violation } from '../validate';
import { MANIFEST_SUFFIX, writeDist } from './dist-writer';
import { ThreadQueue } from './thread-queue';
import { ManifestYamlWriter } from './yaml-writer';

export interface PlatformAppProps extends AppProps {
  /**
   * Check every object offline before anything is written: Kubernetes schemas (of the release the
   * real-cluster suite runs) with a strict pass, Pod Security `restricted`, size limits (`npm run
   * validate` runs the same checks).
   * @default true
   */
  readonly validate?: boolean;
}

/**
 * A cdk8s App whose `synth()` writes one file per namespace, stays linear in the number of charts,
 * validates what it writes, and replaces the output folder in one step.
 *
 * Stock `App.synth()` validates and resolves dependencies across the whole tree once per chart
 * (`chart.toJson()` does both), so a thousand charts cost a million construct visits; it also never
 * removes stale files and prefixes `0000-` once charts depend on each other. Here each chart is
 * validated and rendered on its own subtree, in one pass: the same objects, and byte for byte the
 * YAML cdk8s's `Yaml.stringify` writes (by `ManifestYamlWriter`, which is much faster). Charts must
 * not depend on each other across charts, which this package's charts never do; `renderChart`
 * enforces it.
 */
export class PlatformApp extends App {
  public readonly validate: boolean;

  constructor(props: PlatformAppProps = {}) {
    super(props);
    this.validate = props.validate ?? true;
  }

  /** The rendered manifests, file name → YAML in chart order; throws `ManifestValidationError` on violations. */
  public synthManifests(): Map<string, string> {
    const files = new Map<string, string>();
    renderManifests(this, (name, yaml) => files.set(name, yaml));
    return files;
  }

  /**
   * The rendered manifests with each file's objects as JSON (what its YAML says), for tools that
   * compare objects (`plan`) and would otherwise parse the YAML back.
   */
  public synthDocuments(): Map<string, { readonly yaml: string; readonly documents: readonly unknown[] }> {
    const files = new Map<string, { yaml: string; documents: readonly unknown[] }>();
    renderManifests(this, (name, yaml, documents) => files.set(name, { yaml, documents }));
    return files;
  }

  /**
   * Validates, renders and writes every chart to `outdir`, replacing what was there once everything
   * rendered and validated (see `writeDist`).
   */
  public synth(onManifest?: ManifestListener): void {
    writeDist(this.outdir, write =>
      renderManifests(this, (name, yaml, documents) => {
        onManifest?.(name, yaml, documents);
        write(name, yaml);
      }),
    );
  }
}

/** Told of each manifest as it is written (before `outdir` is replaced): its file name, YAML and API objects. */
export type ManifestListener = (name: string, yaml: string, documents: readonly unknown[]) => void;

/** What synth will write: each chart's file and its API objects, in order. */
export interface ManifestPlan {
  readonly files: readonly { readonly name: string; readonly shownAs: string; readonly objects: readonly ApiObject[] }[];
}

/** Checks the construct tree (validations, dependencies, one chart per file) and lists what to render. */
export function planManifests(app: PlatformApp): ManifestPlan {
  const files: ManifestPlan['files'][number][] = [];
  const names = new Set<string>();
  for (const chart of platformCharts(app)) {
    const name = fileNameOf(chart) + MANIFEST_SUFFIX;
    if (names.has(name)) throw new Error(`two charts would both write ${name}; each namespace belongs to one chart`);
    names.add(name);
    files.push({ name, shownAs: `${app.outdir}/${name}`, objects: chartObjects(chart) });
  }
  return { files };
}

/**
 * Renders the app file by file and hands each file's YAML to `emit` as soon as it is rendered:
 * `toJson()` per object, its YAML document (byte for byte cdk8s's `Yaml.stringify`, see
 * `ManifestYamlWriter`), with the objects it was rendered from, and, with `app.validate`, its validation. Throws `ManifestValidationError`
 * after the last file when any object failed, so what was emitted must not be published before this returns.
 */
export function renderManifests(app: PlatformApp, emit: (name: string, yaml: string, documents: readonly unknown[]) => void): void {
  const plan = planManifests(app);
  const writer = new ManifestYamlWriter();
  const validation = app.validate ? objectValidation(plan) : undefined;
  const identities: ObjectIdentity[] = [];
  try {
    for (const file of plan.files) {
      const docs = file.objects.map(object => object.toJson());
      validation?.validate(file.shownAs, docs);
      docs.forEach((doc, position) => {
        const identity = identityOf(file.shownAs, doc, position);
        if (identity) identities.push(identity);
      });
      emit(file.name, docs.map(doc => writer.stringify(doc)).join('---\n'), docs);
    }
  } catch (e) {
    validation?.abandon();
    throw e;
  }
  const violations = [...(validation?.violations() ?? []), ...duplicateDefinitions(identities)];
  if (violations.length > 0) throw new ManifestValidationError(violations);
}

/**
 * Objects in a plan from which validation runs on a second thread: it then costs the rendering thread
 * only a copy of each object. Below this, starting the thread (loading the validator there too) costs
 * more than it saves.
 */
const VALIDATE_IN_BACKGROUND_FROM_OBJECTS = 1000;

/** Validates each file's objects as they are rendered, in order: `violations()` returns all of them, once; `abandon()` gives up. */
interface ObjectValidation {
  validate(file: string, docs: readonly unknown[]): void;
  violations(): Violation[];
  abandon(): void;
}

function objectValidation(plan: ManifestPlan): ObjectValidation {
  const objects = plan.files.reduce((sum, file) => sum + file.objects.length, 0);
  if (objects >= VALIDATE_IN_BACKGROUND_FROM_OBJECTS) {
    const thread = new ThreadQueue<Violation>(require.resolve('../validate'), 'validateEachDocument');
    return { validate: (file, docs) => thread.call([file, docs]), violations: () => thread.finish(), abandon: () => thread.abandon() };
  }
  const found: Violation[] = [];
  return { validate: (file, docs) => found.push(...validateEachDocument(file, docs)), violations: () => found, abandon: () => undefined };
}

/** Thrown when a synthesized object would be rejected by the API server, admission, or a size limit. */
export class ManifestValidationError extends Error {
  public readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[]) {
    const shown = violations.slice(0, 50).map(formatViolation);
    const more = violations.length > shown.length ? [`... and ${violations.length - shown.length} more (npm run validate lists all)`] : [];
    super(`${violations.length} manifest violation(s):\n${[...shown, ...more].join('\n')}`);
    this.name = 'ManifestValidationError';
    this.violations = violations;
  }
}

/**
 * The app's charts in the order `App.charts` gives. Without dependencies that order is the
 * construct tree's pre-order, which needs no graph; cdk8s builds one over the whole tree.
 */
export function platformCharts(app: App): Chart[] {
  const all = app.node.findAll();
  if (all.some(c => c.node.dependencies.length > 0)) return app.charts;
  return all.filter((c): c is Chart => Chart.isChart(c));
}

function fileNameOf(chart: Chart): string {
  return NamespaceChart.isNamespaceChart(chart) ? chart.namespaceName : chart.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** Validates the chart's constructs and returns its objects' JSON, in dependency order. */
export function renderChart(chart: Chart): unknown[] {
  return chartObjects(chart).map(o => o.toJson());
}

/** Runs the chart's construct validations and returns its API objects in cdk8s's dependency order. */
export function chartObjects(chart: Chart): ApiObject[] {
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
  return ordered.filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

function assertSameChart(chart: Chart, source: IConstruct, target: IConstruct): void {
  if (Chart.of(target) !== chart) {
    throw new Error(`${source.node.path} depends on ${target.node.path} in another chart; PlatformApp renders each namespace on its own`);
  }
}
