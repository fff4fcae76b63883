import * as path from 'path';
import { snapshotEachNamespace } from '../../src/testing';

// GIVEN the example platform.yaml at the repository root
// WHEN each namespace is synthesized in memory, exactly as `npm run synth` writes dist/
// THEN every namespace's YAML matches its snapshot (one test per namespace, named like its dist/ file).
// A change to any emitted object shows up here as a reviewable diff; accept it with `npx jest -u`.
snapshotEachNamespace(path.join(__dirname, '..', '..', 'platform.yaml'));
