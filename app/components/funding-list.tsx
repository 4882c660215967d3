// Funding recorded against a session or a request, or by a donor: shown on
// the session, request and organisation pages and in the donor's check.
import { Link } from "@remix-run/react";
import { humanise } from "~/utils/format";

type FundingItem = {
  id: string;
  donorId: string;
  donorName: string;
  sessionId: string | null;
  requestId: string | null;
  targetTitle: string | null;
  amount: number | null;
  currency: string | null;
  status: string;
  note: string | null;
  editable?: boolean;
};

/** "EUR 25,000"; amounts in different currencies are never added together. */
export function formatMoney(amount: number | null, currency: string | null): string {
  if (amount == null) return "Amount not stated";
  if (!currency) return new Intl.NumberFormat("en").format(amount);
  return new Intl.NumberFormat("en", { style: "currency", currency, currencyDisplay: "code", maximumFractionDigits: 0 }).format(amount);
}

export function FundingList({
  items,
  totals = [],
  recordHref = null,
  showTarget = false,
  headingLevel = 2,
}: {
  items: FundingItem[];
  totals?: { status: string; currency: string; amount: number }[];
  recordHref?: string | null;
  showTarget?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="funding-heading" className="funding-list">
      <Heading id="funding-heading">Funding</Heading>
      {items.length ? (
        <table>
          <caption className="visually-hidden">Funding recorded by donors</caption>
          <thead>
            <tr>
              <th scope="col">Donor</th>
              {showTarget && <th scope="col">Funds</th>}
              <th scope="col">Status</th>
              <th scope="col">Amount</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.id}>
                <th scope="row">
                  <Link to={`/organisations/${f.donorId}`}>{f.donorName}</Link>
                </th>
                {showTarget && (
                  <td>
                    <Link to={f.sessionId ? `/sessions/${f.sessionId}` : `/requests/${f.requestId}`}>{f.targetTitle ?? "(no longer available)"}</Link>
                    <span className="muted"> ({f.sessionId ? "session" : "request"})</span>
                  </td>
                )}
                <td>{humanise(f.status)}</td>
                <td>{formatMoney(f.amount, f.currency)}</td>
                <td>
                  {f.note}
                  {f.editable && (
                    <>
                      {f.note && " "}
                      <Link to={`/fundings/${f.id}`}>
                        Change<span className="visually-hidden"> funding by {f.donorName}</span>
                      </Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No funding recorded.</p>
      )}
      {totals.length > 0 && (
        <p className="muted">
          Totals: {totals.map((t) => `${humanise(t.status).toLowerCase()} ${formatMoney(t.amount, t.currency)}`).join("; ")}
        </p>
      )}
      {recordHref && (
        <p className="actions">
          <Link to={recordHref}>Record funding</Link>
        </p>
      )}
    </section>
  );
}
