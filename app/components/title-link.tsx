// A link named by a title that people typed, in any script. dir="auto" gives
// the title its own direction and isolates it (as <bdi> does), so an Arabic
// or Hebrew title does not reorder the dates, names and punctuation beside it.
import { Link } from "@remix-run/react";

export function TitleLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <Link to={to} dir="auto">
      {children}
    </Link>
  );
}
