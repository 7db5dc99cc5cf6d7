import { importDataset, importLineItems } from '@clvkit/core';
import type { Dataset, ImportInput, ImportReport, LineItemsMapping, TableSource } from '@clvkit/core';
import { decodeBinaryTables } from './binary-input.js';
import { passThroughReport } from './dataset-info.js';
import type { EngineInfo, EngineSource, RemoteSource } from './types.js';

/** A loaded source: the dataset and how it was read. */
export interface LoadedSource {
  readonly dataset: Dataset;
  readonly report: ImportReport;
}

/** A loaded remote source: no dataset in the worker, the server's description of its data. */
export interface LoadedRemoteSource {
  readonly remote: RemoteSource;
  readonly info: EngineInfo;
  /** The analyses the server computes itself, when it tells (`{ info: true }`). */
  readonly analyses: readonly string[] | null;
}

/** Loads any source: a remote one is checked and described (see remote-source.ts), the others built. */
export async function loadAnySource(source: EngineSource): Promise<LoadedSource | LoadedRemoteSource> {
  if (source.kind === 'remote') {
    // Loaded on demand: the remote transport is not part of the worker's main chunk.
    const { describeRemote } = await import('./remote-source.js');
    return { remote: source, ...(await describeRemote(source)) };
  }
  return loadSource(source);
}

/**
 * Builds the dataset of a source, in the worker. Sample data is imported lazily so that a
 * host's own data never pays for the generator.
 */
export async function loadSource(given: EngineSource): Promise<LoadedSource> {
  // Tables given as bytes are read as text chunks (core's import takes text, not bytes).
  const source = decodeBinaryTables(given);
  switch (source.kind) {
    case 'dataset':
      assertDataset(source.dataset);
      return { dataset: source.dataset, report: passThroughReport(source.dataset) };
    case 'import':
      return importDataset(source.input as ImportInput, source.options);
    case 'line-items':
      return importLineItems(source.input as TableSource<LineItemsMapping>, source.options);
    case 'sample': {
      const { sampleDataset } = await import('@clvkit/sample-data');
      const { kind: _kind, ...options } = source;
      return sampleDataset(options);
    }
    case 'remote':
      throw new TypeError('a remote source has no dataset in the worker: load it with loadAnySource');
    default:
      throw new TypeError(`source.kind must be "sample", "import", "line-items", "dataset" or "remote", got ${JSON.stringify((source as { kind?: unknown }).kind)}`);
  }
}

function assertDataset(dataset: Dataset | undefined): void {
  if (!dataset || typeof dataset !== 'object' || !dataset.sessions || typeof dataset.sessions.length !== 'number') {
    throw new TypeError('source.dataset must be a Dataset with at least a sessions table');
  }
}
