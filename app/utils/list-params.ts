// Paging: its shape, a lenient reading for pages whose query has no declaration, and the offset of a page.
import { z } from "zod";

export const MAX_PAGE_SIZE = 500;

export const PagingSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
});

export type Paging = z.infer<typeof PagingSchema>;

/** Lenient for pages: a bad page number falls back to the first page rather than failing. */
export function readPaging(params: URLSearchParams, defaultPageSize = 25): Paging {
  const parsed = PagingSchema.safeParse({
    page: params.get("page") ?? undefined,
    pageSize: params.get("pageSize") ?? defaultPageSize,
  });
  return parsed.success ? parsed.data : { page: 1, pageSize: defaultPageSize };
}

export function offsetOf(paging: Paging) {
  return (paging.page - 1) * paging.pageSize;
}
