// The warnings of the session form: sessions by other providers that overlap
// the one being entered (same country, topic and audience within 90 days)
// and existing sessions it may be a second report of. Filled live by a
// fetcher with JavaScript, or shown on the confirmation step without it.
import { Link } from "@remix-run/react";
import { formatNumber } from "~/utils/format";

type Summary = { id: string; label: string; detail: string; href: string };

export type SessionCheckView = {
  overlaps: { session: Summary; countries: string[]; topics: string[]; audiences: string[]; dayGap: number }[];
  duplicates: { session: Summary; score: number; reasons: string[] }[];
  totalOverlaps: number;
  totalDuplicates: number;
};

const apart = (days: number) => (days === 0 ? "at the same time" : days === 1 ? "1 day apart" : `${formatNumber(days)} days apart`);

export function SessionCheckPanel({
  check,
  confirming,
  id,
  purpose = "entry",
}: {
  check: SessionCheckView | null | undefined;
  confirming: boolean;
  id?: string;
  /** Entering a session, or funding one that is registered. */
  purpose?: "entry" | "funding";
}) {
  const empty = !check || (!check.overlaps.length && !check.duplicates.length);
  return (
    <div id={id} aria-live="polite">
      {!empty && (
        <section className="check-warnings" aria-labelledby="check-warnings-heading">
          <h2 id="check-warnings-heading">
            {purpose === "funding" ? "Before you fund: similar sessions" : confirming ? "Please confirm: similar sessions exist" : "Similar sessions already registered"}
          </h2>
          {check.duplicates.length > 0 && (
            <>
              <p>
                <strong>Possible duplicate:</strong>{" "}
                {purpose === "funding"
                  ? "this session may be reported twice; make sure the same delivery is not funded twice."
                  : "this may be a session that is already registered. If it is, edit that one instead of registering it again."}
              </p>
              <ul>
                {check.duplicates.map((d) => (
                  <li key={d.session.id}>
                    <Link to={d.session.href} target="_blank" rel="noreferrer">
                      {d.session.label}
                    </Link>{" "}
                    <span>{d.session.detail}</span> — similarity {d.score.toFixed(2)}: {d.reasons.join("; ")}
                  </li>
                ))}
              </ul>
              {check.totalDuplicates > check.duplicates.length && <p>…and {formatNumber(check.totalDuplicates - check.duplicates.length)} more.</p>}
            </>
          )}
          {check.overlaps.length > 0 && (
            <>
              <p>
                <strong>Overlapping effort:</strong> other providers serve the same country, topic and audience around these dates. Consider coordinating with them.
              </p>
              <ul>
                {check.overlaps.map((o) => (
                  <li key={o.session.id}>
                    <Link to={o.session.href} target="_blank" rel="noreferrer">
                      {o.session.label}
                    </Link>{" "}
                    <span>{o.session.detail}</span> — {apart(o.dayGap)}; shares {o.countries.join(", ")} · {o.topics.join(", ")} · {o.audiences.join(", ")}
                  </li>
                ))}
              </ul>
              {check.totalOverlaps > check.overlaps.length && <p>…and {formatNumber(check.totalOverlaps - check.overlaps.length)} more.</p>}
            </>
          )}
          {confirming && <p>Change the details above, or save again to register it anyway.</p>}
        </section>
      )}
    </div>
  );
}
