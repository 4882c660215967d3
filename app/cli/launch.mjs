// `npm run registry -- <command>` starts here. The command line runs as one
// bundled file under plain node rather than through tsx: tsx keeps a
// compiler thread and every module's transformed source in memory (about
// 90 MB before any work), which a million-row import cannot spare, and it
// wraps every function for its name, which costs the import's row loop.
// Bundling takes a fraction of a second; packages stay in node_modules.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cacheDir = path.join(root, "node_modules/.cache/registry-cli");

/** Packages load from node_modules as usual (libSQL has a native part); only their JSON data is bundled (node would need an import attribute). */
const packagesOutside = {
  name: "packages-outside",
  setup(build) {
    build.onResolve({ filter: /^[^./~#]/ }, (args) => (args.path.endsWith(".json") ? undefined : { path: args.path, external: true }));
  },
};

/** Each module keeps its own import.meta.url, so files found beside a module (demo files) are found as when run from source. */
const ownModuleUrls = {
  name: "own-module-urls",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, "utf8");
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [path.join(root, "app/cli/registry.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: path.join(root, "tsconfig.json"),
  plugins: [packagesOutside, ownModuleUrls],
  write: false,
  logLevel: "warning",
});
await esbuild.stop();

// Named by content: concurrent runs of the same code share one file, a changed source gets a new one.
const code = result.outputFiles[0].contents;
const name = `registry-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`;
const bundle = path.join(cacheDir, name);
if (!existsSync(bundle)) {
  mkdirSync(cacheDir, { recursive: true });
  // Bundles of older sources, once no run can still be loading them.
  for (const old of readdirSync(cacheDir)) {
    const file = path.join(cacheDir, old);
    if (old !== name && Date.now() - statSync(file).mtimeMs > 3_600_000) rmSync(file, { force: true });
  }
  const partial = `${bundle}.${process.pid}`;
  writeFileSync(partial, code);
  renameSync(partial, bundle);
}
await import(pathToFileURL(bundle).href);
