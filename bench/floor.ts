import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ManifestYamlWriter } from '../src/synth/yaml-writer';

/**
 * The floor for `bench`: loads every manifest of a dist/ folder into memory first, then times only
 * serializing the very same objects to YAML and writing the files, twice:
 * - `seconds`: with cdk8s's `Yaml.stringify`, what a cdk8s app writes with (the floor);
 * - `writerSeconds`: with `ManifestYamlWriter`, the serializer synth itself uses.
 * Both must write exactly what synth wrote, or the floor measures something else. Prints JSON.
 */
const [from, to] = process.argv.slice(2);
const files = fs
  .readdirSync(from)
  .sort()
  .map(name => ({
    name,
    docs: parseAllDocuments(fs.readFileSync(path.join(from, name), 'utf8')).map(d => d.toJS() as unknown),
  }));

function timeWrites(dir: string, stringify: (docs: unknown[]) => string): number {
  fs.mkdirSync(dir, { recursive: true });
  const start = process.hrtime.bigint();
  for (const file of files) fs.writeFileSync(path.join(dir, file.name), stringify(file.docs));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (const file of files) {
    if (!fs.readFileSync(path.join(dir, file.name)).equals(fs.readFileSync(path.join(from, file.name)))) {
      throw new Error(`floor output in ${dir} differs from synth output for ${file.name}`);
    }
  }
  return seconds;
}

const seconds = timeWrites(path.join(to, 'cdk8s'), docs => Yaml.stringify(...docs));
const writer = new ManifestYamlWriter();
const writerSeconds = timeWrites(path.join(to, 'writer'), docs => docs.map(d => writer.stringify(d)).join('---\n'));
console.log(JSON.stringify({ seconds, writerSeconds }));
