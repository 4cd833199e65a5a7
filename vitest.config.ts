import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['{lib,server,components,app,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on sockets, timers and child processes more than on the CPU: two at a time on two cores.
    maxWorkers: 2,
    // Tests train models when they mean to; automatic training would race them in the background.
    env: { MODELS_AUTO_TRAIN: 'off' },
  },
});
