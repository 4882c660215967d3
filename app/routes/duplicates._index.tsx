// The duplicates review list for coordinators: candidates by kind, highest
// score first, clusters of more than two together; "unsure" pairs kept
// aside; reviewed pairs (merged, not a duplicate) with a way back.
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { DUPLICATE_KINDS } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { compareHref, KIND_LABELS } from "~/components/duplicate-parts";
import { isDuplicateKind, listPairs, listReviewEntries, openCounts } from "~/models/duplicates.server";
import { summariseRecords } from "~/models/duplicate-records.server";
import { requireActor } from "~/utils/auth.server";
import { formatDateTime, formatNumber, humanise } from "~/utils/format";
import { readPaging } from "~/utils/list-params";
import { requireCoordinator } from "~/utils/permissions.server";

const VIEWS = ["open", "unsure", "reviewed"] as const;
type View = (typeof VIEWS)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requireCoordinator(actor);
  const params = new URL(request.url).searchParams;
  const kindParam = params.get("kind");
  const kind = isDuplicateKind(kindParam) ? kindParam : "session";
  const viewParam = params.get("view");
  const view: View = (VIEWS as readonly string[]).includes(viewParam ?? "") ? (viewParam as View) : "open";
  const paging = readPaging(params, 20);
  const db = getDb();
  const counts = await openCounts(db, actor);
  if (view === "reviewed") {
    const result = await listPairs(db, actor, { kind, statuses: ["merged", "not_duplicate"], paging });
    const summaries = await summariseRecords(db, kind, result.pairs.flatMap((p) => [p.a, p.b]));
    return { kind, view, counts, entries: null, reviewed: { ...result, summaries: Object.fromEntries(summaries) } };
  }
  const entries = await listReviewEntries(db, actor, { kind, status: view, paging });
  return { kind, view, counts, entries, reviewed: null };
}

export default function DuplicatesPage() {
  const { kind, view, counts, entries, reviewed } = useLoaderData<typeof loader>();
  const here = useLocation();
  return (
    <>
      <p>
        <Link to="/coordination">← Coordination</Link>
      </p>
      <h1>Possible duplicates</h1>
      <p className="muted">
        Records that may describe the same thing, found by comparing names, titles, dates, places and people. Merging keeps one record and can be undone; &ldquo;not a
        duplicate&rdquo; is remembered and the pair is not proposed again.
      </p>
      <nav aria-label="Kinds of record" className="tabs">
        <ul className="inline-list">
          {DUPLICATE_KINDS.map((k) => (
            <li key={k}>
              <Link to={`?kind=${k}&view=${view}`} aria-current={k === kind ? "page" : undefined}>
                {KIND_LABELS[k]} ({formatNumber(counts[k])} open)
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Review status" className="tabs">
        <ul className="inline-list">
          {VIEWS.map((v) => (
            <li key={v}>
              <Link to={`?kind=${kind}&view=${v}`} aria-current={v === view ? "page" : undefined}>
                {v === "open" ? "To review" : v === "unsure" ? "Unsure" : "Reviewed"}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {entries && (
        <section aria-labelledby="entries-heading">
          <h2 id="entries-heading">{view === "open" ? `${KIND_LABELS[kind]} to review` : `${KIND_LABELS[kind]} marked unsure`}</h2>
          {entries.entries.length ? (
            <>
              {view === "open" && entries.page === 1 && (
                <p>
                  <Link className="button" to={compareHref(kind, entries.entries[0].members)}>
                    Start reviewing
                  </Link>
                </p>
              )}
              <table>
                <caption className="visually-hidden">Candidate groups, highest score first</caption>
                <thead>
                  <tr>
                    <th scope="col">Score</th>
                    <th scope="col">Records</th>
                    <th scope="col">Why</th>
                    <th scope="col">
                      <span className="visually-hidden">Review</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {entries.entries.map((e) => (
                    <tr key={e.members.join("|")}>
                      <td>{e.topScore.toFixed(2)}</td>
                      <td>
                        <ul className="plain">
                          {e.members.map((id) => {
                            const s = entries.summaries[id];
                            return (
                              <li key={id}>
                                <Link to={s?.href ?? "#"}>{s?.label ?? id}</Link> <span className="muted">{s?.detail}</span>
                              </li>
                            );
                          })}
                        </ul>
                        {e.members.length > 2 && <span className="badge warn">{e.members.length} records together</span>}
                      </td>
                      <td>{e.pairs[0]?.reasons.join("; ")}</td>
                      <td>
                        <Link to={compareHref(kind, e.members)} aria-label={`Review ${e.members.map((id) => entries.summaries[id]?.label ?? id).join(" and ")}`}>
                          Review
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pagination page={entries.page} pageSize={entries.pageSize} total={entries.total} />
            </>
          ) : (
            <p>{view === "open" ? "Nothing to review: no open candidates of this kind." : "No pairs are marked unsure."}</p>
          )}
        </section>
      )}

      {reviewed && (
        <section aria-labelledby="reviewed-heading">
          <h2 id="reviewed-heading">Reviewed {KIND_LABELS[kind].toLowerCase()}</h2>
          {reviewed.pairs.length ? (
            <>
              <table>
                <caption className="visually-hidden">Reviewed pairs, most recent first</caption>
                <thead>
                  <tr>
                    <th scope="col">Records</th>
                    <th scope="col">Decision</th>
                    <th scope="col">Decided</th>
                    <th scope="col">
                      <span className="visually-hidden">Undo</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {reviewed.pairs.map((p) => {
                    const a = reviewed.summaries[p.a];
                    const b = reviewed.summaries[p.b];
                    return (
                      <tr key={`${p.a}|${p.b}`}>
                        <td>
                          <Link to={a?.href ?? "#"}>{a?.label ?? p.a}</Link> and <Link to={b?.href ?? "#"}>{b?.label ?? p.b}</Link>
                          {p.score != null && <span className="muted"> · score {p.score.toFixed(2)}</span>}
                        </td>
                        <td>{p.status === "merged" ? "Merged" : humanise(p.status)}</td>
                        <td>{formatDateTime(p.decidedAt)}</td>
                        <td>
                          {p.decisionId && (
                            <Form method="post" action="/duplicates/undo">
                              <input type="hidden" name="decision" value={p.decisionId} />
                              <input type="hidden" name="redirectTo" value={`${here.pathname}${here.search}`} />
                              <button type="submit" className="secondary" name="intent" value={p.status === "merged" ? "unmerge" : "reopen"}>
                                {p.status === "merged" ? "Undo merge" : "Propose again"}
                              </button>
                            </Form>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <Pagination page={reviewed.page} pageSize={reviewed.pageSize} total={reviewed.total} />
            </>
          ) : (
            <p>No pairs of this kind have been reviewed yet.</p>
          )}
        </section>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Possible duplicates · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
