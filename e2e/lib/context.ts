import * as path from 'path';
import { Cluster } from './cluster';
import { Report } from './report';
import { Tools } from './tools';

/** What every stage gets: the tools, the running cluster, the report, and a scratch folder. */
export interface E2eContext {
  readonly repo: string;
  readonly tools: Tools;
  readonly cluster: Cluster;
  readonly report: Report;
  /** Scratch space of this run (removed at the end unless --keep). */
  readonly work: string;
}

export const REPO = path.resolve(__dirname, '..', '..');
