// GET /api/v1/check?country=|region=&topic=&audience=&from=&to= (DESIGN §7.2):
// the donor's check before funding, as the check page computes it. A wrong
// parameter is a 400 naming it, never a 500.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { parseCheckParams } from "~/domain/check-params";
import { runDonorCheck } from "~/models/donor-check.server";
import { getActor } from "~/utils/auth.server";

// The answer depends on who asks (non-public requests), so caches key on the credentials.
const HEADERS = { Vary: "Authorization, Cookie", "Access-Control-Allow-Origin": "*" };

const problem = (error: string, parameter: string | null, status = 400) => Response.json({ error, parameter }, { status, headers: HEADERS });

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseCheckParams(new URL(request.url).searchParams);
  if (!parsed.ok) return problem(parsed.error, parsed.parameter);
  const actor = await getActor(request);
  if (!actor && request.headers.get("Authorization")?.startsWith("Bearer ")) return problem("The API token is not valid or has been revoked", "Authorization", 401);
  const q = parsed.value;
  const check = await runDonorCheck(getDb(), actor, q);
  if ("problem" in check) return problem(check.problem.error, check.problem.parameter);
  const brief = (s: (typeof check.sessions)[number]) => ({ id: s.id, title: s.title, status: s.status, startDate: s.startDate, endDate: s.endDate, provider: s.provider });
  return Response.json(
    {
      place: { country: q.country, region: q.region, name: check.place.name, countries: check.place.countries },
      from: q.from,
      to: q.to,
      audiences: q.audiences,
      verdicts: check.verdicts.map((v) => ({
        topic: v.topic,
        label: v.label,
        verdict: v.verdict,
        summary: v.summary,
        delivered: v.delivered,
        planned: v.planned,
        openRequests: v.openRequests,
        needLevel: v.needLevel,
        providers: v.providers,
        funders: v.funders,
        lastDelivered: v.lastDelivered,
        nextPlanned: v.nextPlanned,
        sessions: v.sessionIds,
      })),
      overlaps: check.overlaps.map((o) => ({ a: brief(o.a), b: brief(o.b), countries: o.countries, topics: o.topics, audiences: o.audiences, dayGap: o.dayGap })),
      sessions: check.sessions.map((s) => ({ ...brief(s), countries: s.countries, topics: s.topics, audiences: s.audiences, funders: s.funders })),
      openRequests: check.requests.map((r) => ({ id: r.id, title: r.title, status: r.status, country: r.countryCode, topics: r.topics })),
      notPublicOpenRequests: check.hiddenRequests,
      fundings: check.fundings.map((f) => ({
        id: f.id,
        donor: { id: f.donorId, name: f.donorName },
        sessionId: f.sessionId,
        requestId: f.requestId,
        status: f.status,
        amount: f.amount,
        currency: f.currency,
      })),
    },
    { headers: HEADERS },
  );
}
