// Any /api/v1 address no endpoint answers: a JSON 404 like every other API
// error, so a client with a typo gets something it can parse, not a page.
import { apiError, apiLoader } from "~/utils/api.server";

export const loader = apiLoader(async ({ request }) => {
  const path = new URL(request.url).pathname;
  return apiError(`No such endpoint: ${path}. The endpoints are described at /api/v1/openapi.json`, null, 404);
});

export const action = loader;
