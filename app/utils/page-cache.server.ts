// Whole rendered responses of the coverage pages for anonymous visitors, so a
// crowd reading the same figures does not render them again and again.
// An entry is reused only while its version stands: coverage_meta.generation
// (moved by every write the pages depend on, from any process) and today's
// date (the periods look back from today). A new version empties the cache.
// See docs/decisions/007-coverage-page-cache.md.
import { createHash } from "node:crypto";

/** The coverage pages and their single-fetch data: /coverage, /coverage/map, /coverage/gaps, each also as `.data`. */
const CACHED_PATHS = /^\/coverage(?:\/map|\/gaps)?(?:\.data)?$/;

/** Headers of a page that a shared cache must keep apart per visitor. */
const VARY = "Cookie, Authorization";

type Entry = { status: number; headers: [string, string][]; body: Uint8Array<ArrayBuffer>; etag: string };
type Render = (request: Request) => Promise<Response>;

export type PageCacheOptions = {
  /** Changes whenever any cached page could change. */
  version: () => Promise<string>;
  /** Upper bound of the bodies kept; least recently used go first. */
  maxBytes?: number;
};

export class PageCache {
  private entries = new Map<string, Entry>();
  private pending = new Map<string, Promise<Entry | null>>();
  private bytes = 0;
  private version: string | null = null;
  private readonly maxBytes: number;

  constructor(private readonly options: PageCacheOptions) {
    this.maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  }

  covers(pathname: string) {
    return CACHED_PATHS.test(pathname);
  }

  /** The response to a request, rendered by `render` unless a valid copy is kept. */
  async respond(request: Request, render: Render): Promise<Response> {
    const url = new URL(request.url);
    if (!this.covers(url.pathname)) return render(request);
    // Signed-in visitors and API clients get their own page, never kept.
    if (!isAnonymousGet(request)) return withHeaders(await render(request), { "Cache-Control": "private, no-cache", Vary: VARY, "X-Page-Cache": "bypass" });

    const version = await this.options.version();
    if (version !== this.version) this.reset(version);
    const key = url.pathname + url.search;
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, kept);
      return serve(kept, request, "hit");
    }
    // Requests that arrive while the page renders share that rendering.
    const flight = `${version}\n${key}`;
    const shared = this.pending.get(flight);
    if (shared) {
      const entry = await shared;
      return entry ? serve(entry, request, "hit") : render(request);
    }
    let settle!: (entry: Entry | null) => void;
    this.pending.set(flight, new Promise((resolve) => (settle = resolve)));
    try {
      const response = await render(request);
      if (response.status !== 200 || response.headers.has("Set-Cookie")) {
        settle(null);
        return response;
      }
      const entry = await toEntry(response);
      if (this.version === version) this.keep(key, entry);
      settle(entry);
      return serve(entry, request, "miss");
    } catch (error) {
      settle(null);
      throw error;
    } finally {
      this.pending.delete(flight);
    }
  }

  /** Number of pages and bytes kept, for tests and logs. */
  get size() {
    return { pages: this.entries.size, bytes: this.bytes };
  }

  private reset(version: string) {
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }

  private keep(key: string, entry: Entry) {
    if (entry.body.byteLength > this.maxBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.byteLength;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.body.byteLength;
    }
  }
}

function isAnonymousGet(request: Request) {
  return request.method === "GET" && !request.headers.has("Cookie") && !request.headers.has("Authorization");
}

async function toEntry(response: Response): Promise<Entry> {
  const body = new Uint8Array(await response.arrayBuffer());
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  // Browsers and proxies may keep the page but must ask again each time
  // (cheap: the ETag answers 304), since any write can change the figures.
  headers.set("Cache-Control", "no-cache");
  headers.set("Vary", headers.has("Vary") ? `${headers.get("Vary")}, ${VARY}` : VARY);
  headers.set("ETag", etag);
  return { status: response.status, headers: [...headers], body, etag };
}

function serve(entry: Entry, request: Request, state: "hit" | "miss"): Response {
  const headers = new Headers(entry.headers);
  headers.set("X-Page-Cache", state);
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === entry.etag || tag.trim() === "*")) {
    return new Response(null, { status: 304, headers: pick(headers, ["Cache-Control", "ETag", "Vary", "X-Page-Cache"]) });
  }
  return new Response(entry.body, { status: entry.status, headers });
}

function pick(headers: Headers, names: string[]) {
  return new Headers(names.flatMap((name) => (headers.has(name) ? [[name, headers.get(name)!] as [string, string]] : [])));
}

function withHeaders(response: Response, extra: Record<string, string>) {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
