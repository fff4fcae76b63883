import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { parseAllDocuments } from 'yaml';

/**
 * The floor for `bench`: loads every manifest of a dist/ folder into memory first, then times only
 * what no synth can avoid: serializing the very same objects to YAML (cdk8s's `Yaml.stringify`, the
 * serializer synth uses) and writing the files. Prints `{"seconds": ...}`.
 */
const [from, to] = process.argv.slice(2);
const files = fs.readdirSync(from).sort().map(name => ({
  name,
  docs: parseAllDocuments(fs.readFileSync(path.join(from, name), 'utf8')).map(d => d.toJS() as unknown),
}));
fs.mkdirSync(to, { recursive: true });
const start = process.hrtime.bigint();
for (const file of files) fs.writeFileSync(path.join(to, file.name), Yaml.stringify(...file.docs));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
for (const file of files) {
  // The floor must write exactly what synth wrote, or it measures something else.
  if (!fs.readFileSync(path.join(to, file.name)).equals(fs.readFileSync(path.join(from, file.name)))) {
    throw new Error(`floor output differs from synth output for ${file.name}`);
  }
}
console.log(JSON.stringify({ seconds }));
