import type { ProcessingResult } from '../processing/index.js';
import type { OutputKeys, SourceObject } from './source-object.js';

/** `summary.json` of one object version (SPEC §5): counts, aggregates and where everything went. */
export interface RunSummary {
  readonly source: { readonly bucket: string; readonly key: string; readonly versionId: string };
  readonly records: ProcessingResult['records'];
  readonly aggregates: ProcessingResult['aggregates'];
  readonly bytes: number;
  readonly outputs: OutputKeys;
}

export function runSummary(source: SourceObject, result: ProcessingResult, outputs: OutputKeys): RunSummary {
  const { total, valid, quarantined } = result.records;
  if (total !== valid + quarantined) {
    // Would mean a row was lost or counted twice: never write a summary that hides it.
    throw new Error(`record counts do not add up: total ${total} != valid ${valid} + quarantined ${quarantined}`);
  }
  return {
    source: { bucket: source.bucket, key: source.key, versionId: source.versionId },
    records: result.records,
    aggregates: result.aggregates,
    bytes: result.bytesRead,
    outputs,
  };
}
