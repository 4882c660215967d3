// Responses of the JSON API and the exports: every error is JSON with a
// message and the offending parameter; a bad parameter is a 400, never a 500.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { parseParams, type ParamError, type ParamResult, type ParamSpecs, type ParamValues } from "~/domain/api-params";
import { getActor } from "./auth.server";
import { type Actor } from "./permissions.server";

// Responses differ by who asks, so shared caches must key on the credentials.
// Any site may read public data; a browser never sends cookies with a
// wildcard origin, so nobody's signed-in data leaks across sites.
const COMMON_HEADERS = { Vary: "Authorization, Cookie", "Access-Control-Allow-Origin": "*" };

export function apiError(error: string, parameter: string | null, status = 400): Response {
  return Response.json({ error, parameter }, { status, headers: COMMON_HEADERS });
}

export function apiJson(data: unknown): Response {
  return Response.json(data, { headers: COMMON_HEADERS });
}

/** The parameters `specs` declares, or a thrown 400 naming the first bad one. */
export function readApiParams<S extends ParamSpecs>(request: Request, specs: S): ParamValues<S> {
  const result = parseParams(specs, new URL(request.url).searchParams);
  if (!result.ok) throw apiError(result.error, result.parameter);
  return result.value;
}

export function throwIfParamError(problem: ParamError | null) {
  if (problem) throw apiError(problem.error, problem.parameter);
}

/** The value of a checked reading, or a thrown 400 naming its bad parameter. */
export function valueOrThrow<T>(result: ParamResult<T>): T {
  if (!result.ok) throw apiError(result.error, result.parameter);
  return result.value;
}

/**
 * Wraps an API loader: the actor from the session cookie or the Bearer token
 * (a token that is unknown or revoked is refused rather than treated as a
 * visitor, so a client learns its token stopped working), and any error as
 * JSON. Thrown 4xx responses from models (403, 404) keep their status.
 */
export function apiLoader(handle: (args: LoaderFunctionArgs & { actor: Actor }) => Promise<Response>) {
  return async (args: LoaderFunctionArgs): Promise<Response> => {
    try {
      const actor = await getActor(args.request);
      if (!actor && args.request.headers.get("Authorization")?.startsWith("Bearer ")) {
        return apiError("The API token is not valid or has been revoked", "Authorization", 401);
      }
      return await handle({ ...args, actor });
    } catch (error) {
      if (error instanceof Response) {
        if (error.headers.get("Content-Type")?.includes("json")) return error;
        const text = await error.text().catch(() => "");
        return apiError(text || error.statusText || "Request failed", null, error.status);
      }
      console.error(error);
      return apiError("Something went wrong on our side", null, 500);
    }
  };
}

/** A download built piece by piece, so a large export never sits whole in memory. */
export function streamedDownload(parts: AsyncIterable<string>, args: { contentType: string; fileName: string; inline?: boolean }): Response {
  const encoder = new TextEncoder();
  const iterator = parts[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        // Headers are gone already: the broken stream is all a client can be told.
        console.error(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      ...COMMON_HEADERS,
      "Content-Type": args.contentType,
      "Content-Disposition": `${args.inline ? "inline" : "attachment"}; filename="${args.fileName}"`,
    },
  });
}
