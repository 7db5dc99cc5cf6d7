/**
 * Entry of dist/clvkit.tfjs.js: tfjs-core, tfjs-layers and the CPU backend as one classic
 * script (IIFE) that defines the global `clvkitTf = { tf, layers }`. The <script> worker
 * (dist/clvkit.worker.js) loads it with importScripts the first time a neural analysis runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as layers from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';

export { tf, layers };
