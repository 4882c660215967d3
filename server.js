// The production server (`npm start`, the end-to-end tests and the coverage
// benchmark all run it): what remix-serve did — compressed responses, static
// files, a log line per request, the Remix handler — plus the cache of whole
// anonymous coverage pages in front of Remix (docs/decisions/007-coverage-page-cache.md).
// Usage: node server.js [path/to/build/server/index.js]; PORT and HOST as for remix-serve.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler as expressHandler } from "@remix-run/express";
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";

process.env.NODE_ENV ??= "production";
const build = await import(pathToFileURL(path.resolve(process.argv[2] ?? "build/server/index.js")).href);
const remix = createRequestHandler(build, process.env.NODE_ENV);
/** @type {import("./app/utils/page-cache.server").PageCache} */
const pageCache = build.entry.module.pageCache;

const app = express();
app.disable("x-powered-by");
app.use(compression());
// Vite puts fingerprinted files in assets/: they never change under one name.
app.use("/assets", express.static(path.join(build.assetsBuildDirectory, "assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(build.assetsBuildDirectory, { maxAge: "1h" }));
app.use(morgan("tiny"));

app.get("*", async (req, res, next) => {
  if (req.method !== "GET" || !pageCache.covers(req.path)) return next();
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
    const response = await pageCache.respond(new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, { headers }), remix);
    res.status(response.status);
    for (const [name, value] of response.headers) res.append(name, value);
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  } catch (error) {
    next(error);
  }
});
app.all("*", expressHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const server = process.env.HOST ? app.listen(port, process.env.HOST, listening) : app.listen(port, listening);
function listening() {
  console.log(`Registry listening on http://${process.env.HOST ?? "localhost"}:${port}`);
}
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(console.error));
