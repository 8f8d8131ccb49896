import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Integration tests run real builds; the machines have two shared cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
