import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';

/** The tfjs modules the neural models use: tfjs-core (tensors, ops) and tfjs-layers (models). */
export interface TfModules {
  readonly tf: typeof TfCore;
  readonly layers: typeof TfLayers;
}

/**
 * Supplies the tfjs modules. The CPU backend must be registered by the time the promise
 * resolves (importing `@tensorflow/tfjs-backend-cpu` does that); `loadTf` selects it.
 */
export type TfLoader = () => Promise<TfModules>;
