/**
 * cdk8s validation plugin: `cdk8s synth` runs the same checks as `npm run validate` on what it just wrote.
 * Loaded through `cdk8s-plugin.shim.js` (cdk8s `require`s plugins as plain JavaScript).
 */
import type { Validation, ValidationContext, ValidationViolatingResource } from 'cdk8s-cli/lib/plugins';
import { describeObject, readManifestFile, validateManifestFiles, Violation } from './index';
import { stringAt, objectAt } from './json';

const HOW_TO_FIX = 'Change the listed fields as the rule says; `npm run validate` prints the same findings one per line.';

/** Validates synthesized manifests against the vendored Kubernetes schemas, strict fields, names, Pod Security "restricted" and size limits. */
export class SparkTenancyValidation implements Validation {
  public async validate(context: ValidationContext): Promise<void> {
    const manifests = context.manifests.map(readManifestFile);
    const violations = validateManifestFiles(manifests);
    // cdk8s maps resources to constructs by metadata.name; violations name objects by describeObject().
    const resourceNames = new Map<string, string>();
    for (const { file, documents } of manifests) {
      documents.forEach((document, position) => {
        resourceNames.set(
          `${file}\0${describeObject(document, position)}`,
          stringAt(objectAt(document, 'metadata'), 'name') ?? describeObject(document, position),
        );
      });
    }
    for (const [message, group] of groupByMessage(violations)) {
      context.report.addViolation({
        ruleName: message,
        recommendation: message,
        fix: HOW_TO_FIX,
        violatingResources: resourcesOf(group, resourceNames),
      });
    }
    context.report.submit(violations.length === 0 ? 'success' : 'failure', { violations: String(violations.length) });
  }
}

function groupByMessage(violations: readonly Violation[]): Map<string, Violation[]> {
  const groups = new Map<string, Violation[]>();
  for (const violation of violations) groups.set(violation.message, [...(groups.get(violation.message) ?? []), violation]);
  return groups;
}

/** One entry per object, its violating fields as locations; an embedded pod template counts as its ConfigMap. */
function resourcesOf(group: readonly Violation[], resourceNames: ReadonlyMap<string, string>): ValidationViolatingResource[] {
  const byObject = new Map<string, { manifestPath: string; resourceName: string; locations: string[] }>();
  for (const violation of group) {
    const object = violation.object.split(' → ')[0];
    const key = `${violation.file}\0${object}`;
    const entry = byObject.get(key) ?? { manifestPath: violation.file, resourceName: resourceNames.get(key) ?? object, locations: [] };
    entry.locations.push(violation.object === object ? violation.field : `${violation.object.slice(object.length + 3)}: ${violation.field}`);
    byObject.set(key, entry);
  }
  return [...byObject.values()];
}
