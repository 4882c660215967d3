// Follow or unfollow a country, region or topic: a small form posting to
// /follow, which comes back to this page. Visitors are offered to sign in.
import { Form, Link, useLocation } from "@remix-run/react";

export function FollowButton({ kind, value, label, following }: { kind: string; value: string; label: string; following: boolean | null }) {
  const location = useLocation();
  const here = location.pathname + location.search;
  if (following == null) {
    return (
      <p className="follow">
        <Link to={`/login?${new URLSearchParams({ redirectTo: here })}`}>Sign in to follow {label}</Link>
      </p>
    );
  }
  return (
    <Form method="post" action="/follow" className="follow">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="value" value={value} />
      <input type="hidden" name="redirectTo" value={here} />
      <button type="submit" name="intent" value={following ? "unfollow" : "follow"} className={following ? "secondary" : undefined}>
        {following ? `Unfollow ${label}` : `Follow ${label}`}
      </button>
    </Form>
  );
}
