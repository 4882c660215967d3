// GET /materials/:id/download — the file (streamed) or the external link of a
// material, for those canDownloadMaterial allows, signed in or with a personal
// API token. Anonymous visitors are sent to sign in; signed-in people without
// access get a small 403 page; an unknown or revoked token gets a 401.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createReadableStreamFromReadable, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { attachmentDisposition } from "~/domain/media-types";
import { canDownloadMaterial, getMaterial } from "~/models/materials.server";
import { apiError } from "~/utils/api.server";
import { getActor } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { resolveStoredFile } from "~/utils/uploads.server";
import stylesUrl from "~/styles.css?url";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (!actor && request.headers.get("Authorization")?.startsWith("Bearer ")) {
    return apiError("The API token is not valid or has been revoked", "Authorization", 401);
  }
  const db = getDb();
  const material = await getMaterial(db, actor, params.id!);
  if (!material) return page(404, "Not found", "There is no such material.", "/materials", "Browse the materials library");
  const materialUrl = `/materials/${material.id}`;

  if (!(await canDownloadMaterial(db, actor, material))) {
    if (!actor) throw redirect(`/login?${new URLSearchParams({ redirectTo: materialUrl })}`);
    return page(
      403,
      "You do not have access to this",
      "This material is restricted to vetted law-enforcement and justice users. You can ask a coordinator for access on the material's page.",
      materialUrl,
      "Go to the material's page",
    );
  }

  if (material.externalUrl) throw redirect(material.externalUrl);
  const absolute = material.filePath ? resolveStoredFile(getEnv().UPLOAD_DIR, material.filePath) : null;
  const info = absolute ? await stat(absolute).catch(() => null) : null;
  if (!absolute || !info?.isFile()) {
    console.error(`Material ${material.id}: stored file ${material.filePath ?? "(none)"} is missing`);
    return page(404, "File missing", "The file of this material cannot be found. Please tell a coordinator.", materialUrl, "Go to the material's page");
  }

  const textType = material.mediaType?.startsWith("text/");
  return new Response(createReadableStreamFromReadable(createReadStream(absolute)), {
    status: 200,
    headers: {
      "Content-Type": `${material.mediaType ?? "application/octet-stream"}${textType ? "; charset=utf-8" : ""}`,
      "Content-Length": String(info.size),
      "Content-Disposition": attachmentDisposition(material.fileName ?? "download"),
      "X-Content-Type-Options": "nosniff",
      // Only public files may sit in shared caches.
      "Cache-Control": material.accessLevel === "public" ? "public, max-age=3600" : "private, no-store",
      ...(material.sha256 ? { ETag: `"${material.sha256}"` } : {}),
    },
  });
}

/** A resource route renders no React: a small self-contained page in the site's style. */
function page(status: number, title: string, message: string, href: string, linkText: string) {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Training Coordination Registry</title><link rel="stylesheet" href="${stylesUrl}"><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><header class="site-header"><div class="brand"><a href="/">Training Coordination Registry</a></div></header><main id="main"><section class="error-page"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(href)}">${escapeHtml(linkText)}</a></p></section></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
