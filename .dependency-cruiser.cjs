/**
 * The pipeline's import rules, checked by `npm run lint` (dependency-cruiser):
 * each stage imports only itself and the stages before it, no module imports itself back in a
 * circle, and only scripts/eleventy/ loads Eleventy.
 *
 *   text → input → lists → output → eleventy → publish → cli
 *
 * authoring/ (the tools that write article sources) stands beside lists/: it reads sources as
 * input/ does. bench/ (the benchmark) sits with the entry points.
 */
const STAGES = [
  ["text", []],
  ["input", ["text"]],
  ["lists", ["text", "input"]],
  ["authoring", ["text", "input"]],
  ["output", ["text", "input", "lists"]],
  ["eleventy", ["text", "input", "lists", "output"]],
  ["publish", ["text", "input", "lists", "output", "eleventy"]],
  ["bench", ["text", "input", "lists", "output", "eleventy", "publish"]],
  ["cli", ["text", "input", "lists", "output", "eleventy", "publish", "authoring", "bench"]],
];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other in a circle cannot be read, tested or loaded one by one.",
      from: {},
      to: { circular: true },
    },
    ...STAGES.map(([stage, allowed]) => ({
      name: `stage-order-${stage}`,
      severity: "error",
      comment: `scripts/${stage}/ may import only ${[stage, ...allowed].map((s) => `scripts/${s}/`).join(", ")}.`,
      from: { path: `^scripts/${stage}/` },
      to: { path: `^scripts/(?!(?:${[stage, ...allowed].join("|")})/)` },
    })),
    {
      name: "eleventy-only-in-eleventy",
      severity: "error",
      comment: "Domain modules are plain TypeScript: only scripts/eleventy/ imports Eleventy.",
      from: { path: "^scripts/", pathNot: "^scripts/eleventy/" },
      // eleventy-img is an image library (sharp underneath) that loads nothing of Eleventy.
      to: { path: "node_modules/@11ty/", pathNot: "node_modules/@11ty/eleventy-img/" },
    },
    {
      name: "scripts-never-import-tests",
      severity: "error",
      from: { path: "^scripts/" },
      to: { path: "^tests/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
