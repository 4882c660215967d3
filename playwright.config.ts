import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium by default (Playwright cannot download its own browsers
// here). PLAYWRIGHT_BUNDLED=1 uses Playwright's own browser instead;
// CHROMIUM_PATH points at any other Chromium build.
const executablePath = process.env.PLAYWRIGHT_BUNDLED ? undefined : (process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");
const port = Number(process.env.E2E_PORT ?? 3100);
// Port-specific data and build folders, so two runs never share a database.
export const E2E_DATA_DIR = `.cache/e2e-${port}/data`;
const buildDir = `.cache/e2e-${port}/build`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `.cache/e2e-${port}/test-results`,
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // Generous: on a busy 2-core machine a sign-in plus a few pages can take more than 30 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    // A fresh database with demo data for every run, served by the production build.
    // The same steps as `npm start`, with this run's own folders.
    command: [
      `rm -rf ${E2E_DATA_DIR}`,
      "npm run build",
      "npm run db:migrate",
      "npm run registry -- prepare",
      `node server.js ${buildDir}/server/index.js`,
    ].join(" && "),
    url: `http://127.0.0.1:${port}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    // The request log would bury the test report; server errors go to stderr, which is shown.
    stdout: "ignore",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: E2E_DATA_DIR,
      BUILD_DIR: buildDir,
      NODE_ENV: "production",
      SECURE_COOKIES: "off",
    },
  },
});
