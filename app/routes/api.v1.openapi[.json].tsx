// GET /api/v1/openapi.json: the OpenAPI 3.1 description of the API.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/domain/openapi";
import { apiJson } from "~/utils/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiJson(openApiDocument(new URL(request.url).origin));
}
