// Remix Vite plugin options. The plugin does not read this file by itself:
// vite.config.ts imports it and passes it to remix(…).
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  // Separate build folders let several end-to-end runs share one checkout.
  buildDirectory: process.env.BUILD_DIR ?? "build",
  ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx", "**/.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
