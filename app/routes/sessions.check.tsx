// GET /sessions/check?…: the session form's live check (a fetcher while the
// form is filled in): overlapping efforts and possible duplicates of the
// draft. Answers { check: null } until country, dates and topics are known.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { checkSessionInput } from "~/models/session-check.server";
import { requireActor } from "~/utils/auth.server";
import { isoDate } from "~/utils/form-schemas";

const code = z.string().regex(/^[A-Z][A-Z0-9_.]*$/);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const optionalText = z.string().trim().max(200).optional().transform((v) => v || null);
const optionalId = z.union([id, z.literal("")]).optional().transform((v) => v || null);

const SessionCheckParamsSchema = z
  .object({
    id: optionalId,
    courseId: optionalId,
    title: optionalText,
    providerId: optionalId,
    reportingOrgId: optionalId,
    externalId: optionalText,
    hostCountry: z.string().regex(/^[A-Z]{3}$/),
    city: optionalText,
    countries: z.array(z.string().regex(/^[A-Z]{3}$/)).max(300),
    startDate: isoDate,
    endDate: isoDate,
    status: z.string().regex(/^[a-z_]+$/),
    topics: z.array(code).min(1).max(200),
    audiences: z.array(code).max(100),
    mode: z.string().regex(/^[a-z_]*$/).optional().transform((v) => v || null),
    participants: z.string().regex(/^\d{0,7}$/).optional().transform((v) => (v ? Number(v) : null)),
    funders: z.array(id).max(100),
    trainers: z.array(id).max(100),
  })
  .refine((v) => v.endDate >= v.startDate);

const LISTS = ["countries", "topics", "audiences", "funders", "trainers"];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const params = new URL(request.url).searchParams;
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) raw[key] = LISTS.includes(key) ? params.getAll(key).filter(Boolean) : params.get(key);
  for (const key of LISTS) raw[key] ??= [];
  const parsed = SessionCheckParamsSchema.safeParse(raw);
  // An incomplete draft is normal while typing: nothing to say yet.
  if (!parsed.success) return { check: null };
  return { check: await checkSessionInput(getDb(), actor, parsed.data) };
}
