import type { SpecProblem } from '../errors';
import type { SpecOrigin } from '../platform';

/** A place in the spec: the keys and indexes from its root, e.g. ['tenants', 0, 'namespace']. */
export type Segments = readonly (string | number)[];

/** Records one problem at a place in the spec (at the key itself with `atKey`, e.g. a misspelt property name). */
export type Report = (segments: Segments, message: string, atKey?: boolean) => void;

/** What the checks get from the loader: where relative sources are, and how a place becomes a positioned problem. */
export interface CheckContext {
  readonly baseDir: string;
  readonly problem: (segments: Segments, message: string, atKey?: boolean) => SpecProblem;
  readonly locate: (segments: Segments, atKey?: boolean) => SpecOrigin;
}
