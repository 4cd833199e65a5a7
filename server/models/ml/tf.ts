import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * TensorFlow.js on its WASM backend, loaded on first use. The pure-JS CPU backend is far too
 * slow to train a GRU (DESIGN.md); tfjs-node cannot be installed here. The .wasm binaries ship
 * inside @tensorflow/tfjs-backend-wasm and are read from node_modules, never downloaded.
 */
type Tf = typeof import('@tensorflow/tfjs');
let loading: Promise<Tf> | null = null;

export function loadTf(): Promise<Tf> {
  loading ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WASM backend did not start');
    await tf.ready();
    return tf;
  })();
  return loading;
}
