import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getDb } from "#db/client.server";
import { coverageGeneration } from "~/models/coverage.server";
import { getEnv } from "~/utils/env.server";
import { today } from "~/utils/format";
import { startNotificationMailer } from "~/utils/mailer.server";
import { PageCache } from "~/utils/page-cache.server";

// E-mail copies of notifications, only when an SMTP server is configured; once
// per process, even when the development server reloads this module.
const mailer = globalThis as { __notificationMailer?: () => void };
const env = getEnv();
if (env.SMTP_URL && !mailer.__notificationMailer) {
  mailer.__notificationMailer = startNotificationMailer(getDb(), env.SMTP_URL, { from: env.MAIL_FROM, baseUrl: env.PUBLIC_URL ?? null });
  console.log(`Notification e-mail on: ${new URL(env.SMTP_URL).host}`);
}

/**
 * Anonymous coverage pages, kept whole (server.js uses it in front of Remix).
 * Valid while the database's coverage generation and today's date stand.
 */
export const pageCache = new PageCache({ version: async () => `${await coverageGeneration(getDb())} ${today()}` });

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Bots and no-JS clients get the whole document at once; browsers stream.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("X-Content-Type-Options", "nosniff");
          responseHeaders.set("Referrer-Policy", "same-origin");
          responseHeaders.set("X-Frame-Options", "DENY");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
