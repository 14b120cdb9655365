import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@': path.resolve(import.meta.dirname) },
    conditions: ['react-server'],
  },
  // Tests run in Vite's server environment, which takes its own resolve conditions:
  // 'react-server' makes `import 'server-only'` resolve to its empty module, as in Next's server build.
  ssr: { resolve: { conditions: ['react-server'] } },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['server-only'] } },
  },
});
