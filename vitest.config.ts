import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests that sit next to the code and need no I/O, and end-to-end tests that
// start real clusters (redis-server, nats-server and the compiled component processes) in temp dirs.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Unit tests run first, as their own group; then the e2e files, two at a time.
          sequence: { groupOrder: 0 },
          // A few runtime tests start real container shims; on a busy 2-core machine 5 s is too tight.
          testTimeout: 15_000,
          include: ['{lib,apiserver,scheduler,kubelet,proxy,controller-manager,cli,bench}/**/*.test.ts', 'test/repo/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'dist/**'],
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 1 },
          include: ['test/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each e2e file starts its own cluster; two at a time keeps a 2-core machine responsive.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
