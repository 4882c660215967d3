// `npm run bench -- coverage [--sessions N] [--reuse] [--no-load | --load-only]`
// Builds a registry of N (default 1,000,000) generated sessions through the
// rollup triggers, then reports, for several filter combinations, the server
// time of the coverage computation behind GET /api/v1/coverage (median and
// p95, uncached) beside the plain aggregate SQL over the same rows, measured
// in the same run; then 50 concurrent connections against /coverage for 20 s.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { type Client } from "@libsql/client";
import { openDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { seedReference } from "#db/seed/reference";
import { getCoverage, sessionCellsExact, type CoverageQuery } from "~/models/coverage.server";
import { windowForPreset } from "~/domain/coverage-params";
import { generateRegistry } from "./coverage-data";

const DIR = path.resolve(".cache/bench-coverage");
const TODAY = new Date().toISOString().slice(0, 10);
const PORT = Number(process.env.BENCH_PORT ?? 3206);

function option(args: string[], name: string) {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

async function timeIt(fn: () => Promise<unknown>, opts = { min: 3, max: 21, budgetMs: 30_000 }) {
  await fn(); // warm the page cache and the statement path
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < opts.max && (samples.length < opts.min || performance.now() - started < opts.budgetMs)) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
  return { median: at(0.5), p95: at(0.95), n: samples.length };
}

async function buildDatabase(file: string, sessions: number) {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const url = `file:${file}`;
  await migrateDatabase(url);
  const { client, db } = openDatabase(url);
  await seedReference(db);
  const t0 = performance.now();
  let last = 0;
  await generateRegistry(client, {
    sessions,
    today: TODAY,
    onProgress: (done) => {
      if (done - last >= 100_000 || done === sessions) {
        last = done;
        console.log(`  ${done.toLocaleString("en")} sessions, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  await client.execute("ANALYZE");
  client.close();
  return seconds;
}

/** The same generated rows loaded with and without the coverage triggers, to show their cost on bulk writes. */
async function triggerCost(sessions: number) {
  const result: Record<string, number> = {};
  for (const triggers of [true, false]) {
    const file = path.join(DIR, `trigger-cost-${triggers}.db`);
    rmSync(file, { force: true });
    const url = `file:${file}`;
    await migrateDatabase(url);
    const { client, db } = openDatabase(url);
    await seedReference(db);
    if (!triggers) await dropCoverageTriggers(client);
    const t0 = performance.now();
    await generateRegistry(client, { sessions, today: TODAY });
    result[triggers ? "with" : "without"] = sessions / ((performance.now() - t0) / 1000);
    client.close();
    rmSync(file, { force: true });
  }
  return result;
}

async function dropCoverageTriggers(client: Client) {
  const rows = await client.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'coverage_%'");
  for (const r of rows.rows) await client.execute(`DROP TRIGGER ${String(r.name)}`);
}

function combinations(): { name: string; q: CoverageQuery }[] {
  const last12 = windowForPreset("12m", TODAY);
  const last3y = windowForPreset("3y", TODAY);
  return [
    { name: "all time", q: { from: null, to: null } },
    { name: "last 12 months + planned", q: { ...last12 } },
    { name: "last 3 years + planned", q: { ...last3y } },
    { name: "custom 2019-03-15..2021-08-20", q: { from: "2019-03-15", to: "2021-08-20" } },
    { name: "3 years, topic EVID", q: { ...last3y, topicPrefix: "EVID" } },
    { name: "12 months, region Africa (002)", q: { ...last12, region: "002" } },
    { name: "12 months, audience POLICE (exact)", q: { ...last12, audiences: ["POLICE"] } },
    { name: "3 years, provider BORG001 (exact)", q: { ...last3y, providers: ["BORG001"] } },
  ];
}

/** `url` may give each request its own address (n counts the requests). */
async function loadTest(url: string | ((n: number) => string), seconds: number, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(typeof url === "string" ? url : url(sent++), { agent }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors++;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  const worker = async () => {
    while (performance.now() < deadline) await one();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

async function waitForServer(url: string, server: ChildProcess) {
  for (let i = 0; i < 120; i++) {
    if (server.exitCode != null) throw new Error("The server stopped during start-up");
    const ok = await new Promise<boolean>((resolve) => http.get(url, (res) => (res.resume(), resolve(res.statusCode === 200))).on("error", () => resolve(false)));
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server did not answer ${url}`);
}

export async function runCoverageBench(args: string[]) {
  const sessions = Number(option(args, "--sessions") ?? 1_000_000);
  const file = path.join(DIR, "coverage.db");
  if (!(args.includes("--reuse") && existsSync(file))) {
    console.log(`Building ${sessions.toLocaleString("en")} sessions (multi-row batches, coverage triggers on)…`);
    const seconds = await buildDatabase(file, sessions);
    console.log(`Built in ${seconds.toFixed(0)} s: ${(sessions / seconds).toFixed(0)} sessions/s with every link row.`);
    const cost = await triggerCost(50_000);
    console.log(`Trigger cost on bulk writes (50,000 sessions): ${cost.with.toFixed(0)} sessions/s with, ${cost.without.toFixed(0)} without (${(cost.without / cost.with).toFixed(1)}× slower).`);
  }
  if (!args.includes("--load-only")) await measureQueries(file);
  if (!args.includes("--no-load")) await measureLoad(file);
}

async function measureQueries(file: string) {
  const { client, db } = openDatabase(`file:${file}`);
  const counts = await client.execute(
    "SELECT (SELECT count(*) FROM training_session) AS sessions, (SELECT count(*) FROM session_country) AS countries, (SELECT count(*) FROM session_topic) AS topics, (SELECT count(*) FROM coverage_rollup) AS rollup",
  );
  console.log(`Database: ${JSON.stringify(counts.rows[0])}`);
  console.log("\nServer time, ms (median / p95; the endpoint's computation uncached, the plain aggregate SQL on the same rows):");
  console.log("| filters | endpoint median | endpoint p95 | plain median | plain p95 | ratio (median) | endpoint cached median |");
  console.log("|---|---|---|---|---|---|---|");
  for (const { name, q } of combinations()) {
    const endpoint = await timeIt(() => getCoverage(db, q, { useCache: false }));
    const plain = await timeIt(() => sessionCellsExact(db, q));
    const cached = await timeIt(() => getCoverage(db, q));
    console.log(
      `| ${name} | ${endpoint.median.toFixed(1)} | ${endpoint.p95.toFixed(1)} | ${plain.median.toFixed(1)} | ${plain.p95.toFixed(1)} | ${(endpoint.median / plain.median).toFixed(2)} | ${cached.median.toFixed(2)} |`,
    );
  }
  client.close();
}

/** CPU seconds (user + system) a process has used so far, from /proc; null where there is none. */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

async function measureLoad(file: string) {
  // A database kept with --reuse may predate the latest migrations.
  await migrateDatabase(`file:${file}`);
  const buildDir = path.join(DIR, "build");
  console.log("\nBuilding the app for the load test…");
  const build = spawnSync("npx", ["remix", "vite:build"], { env: { ...process.env, BUILD_DIR: buildDir }, stdio: "ignore" });
  if (build.status !== 0) throw new Error("Build failed");
  // The production server (server.js), as `npm start` runs it.
  const server = spawn(process.execPath, ["server.js", path.join(buildDir, "server/index.js")], {
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", NODE_ENV: "production", DATABASE_URL: `file:${file}`, DATA_DIR: DIR, DEMO_DATA: "off" },
    stdio: "ignore",
  });
  try {
    const pages: [string, string | ((n: number) => string)][] = [
      ["/coverage", "/coverage"],
      ["/coverage?window=3y", "/coverage?window=3y"],
      ["/coverage?window=12m&audience=POLICE", "/coverage?window=12m&audience=POLICE"],
      // A new address for every request: the page cache never answers, so this is the rendering itself.
      ["/coverage?window=3y&n=<each request its own>", (n) => `/coverage?window=3y&n=${n}`],
    ];
    for (const [label, page] of pages) {
      const url = (n: number) => `http://127.0.0.1:${PORT}${typeof page === "string" ? page : page(n)}`;
      await waitForServer(url(-1), server);
      const cpuBefore = cpuSeconds(server.pid);
      const result = await loadTest(url, 20, 50);
      const cpuAfter = cpuSeconds(server.pid);
      const cpu = cpuBefore != null && cpuAfter != null ? `, server CPU ${(((cpuAfter - cpuBefore) * 1000) / result.requests).toFixed(2)} ms/request` : "";
      console.log(
        `Load ${label}: 50 connections, 20 s: ${result.rps.toFixed(0)} requests/s, p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, ${result.requests} ok, ${result.errors} errors${cpu}`,
      );
    }
  } finally {
    server.kill();
  }
}
