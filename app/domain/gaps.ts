// Ranking coverage gaps (DESIGN §5): highest assessed need first, then the
// oldest open request, then the longest time since the last delivery in that
// country and topic (never delivered counts as longest). Each gap carries the
// reasons for its place in plain words.
import { differenceInCalendarDays, parseISO } from "date-fns";
import { type CoverageCell } from "./coverage";

export const NEED_LABELS = ["None", "Low", "Significant", "Critical"] as const;

export type GapInput = Pick<CoverageCell, "country" | "topic" | "needLevel" | "openRequests" | "oldestOpenRequest"> & {
  /** Latest end date of a delivered session before the window, if any. */
  lastDeliveredBefore: string | null;
};

export type RankedGap = GapInput & {
  rank: number;
  oldestRequestDays: number | null;
  daysSinceDelivery: number | null; // null: never delivered
  reasons: string[];
};

function daysSince(iso: string | null, today: string): number | null {
  return iso ? differenceInCalendarDays(parseISO(today), parseISO(iso.slice(0, 10))) : null;
}

export function needLabel(level: number | null): string {
  return level == null ? "Not assessed" : `${NEED_LABELS[level] ?? level} (${level})`;
}

export function rankGaps(gaps: GapInput[], today: string): RankedGap[] {
  const scored = gaps.map((g) => ({
    ...g,
    oldestRequestDays: g.openRequests ? daysSince(g.oldestOpenRequest, today) : null,
    daysSinceDelivery: daysSince(g.lastDeliveredBefore, today),
  }));
  scored.sort(
    (a, b) =>
      (b.needLevel ?? -1) - (a.needLevel ?? -1) ||
      (b.oldestRequestDays ?? -1) - (a.oldestRequestDays ?? -1) ||
      (b.daysSinceDelivery ?? Infinity) - (a.daysSinceDelivery ?? Infinity) ||
      a.country.localeCompare(b.country) ||
      a.topic.localeCompare(b.topic),
  );
  return scored.map((g, i) => ({ ...g, rank: i + 1, reasons: reasonsFor(g) }));
}

function reasonsFor(g: Omit<RankedGap, "rank" | "reasons">): string[] {
  const reasons: string[] = [];
  if (g.needLevel != null && g.needLevel >= 2) reasons.push(`Assessed need: ${needLabel(g.needLevel).toLowerCase()}`);
  else if (g.needLevel != null) reasons.push(`Assessed need only ${needLabel(g.needLevel).toLowerCase()}`);
  if (g.openRequests) {
    const plural = g.openRequests === 1 ? "1 open request" : `${g.openRequests} open requests`;
    reasons.push(g.oldestRequestDays != null ? `${plural}, the oldest waiting ${g.oldestRequestDays} days` : plural);
  }
  reasons.push(g.daysSinceDelivery == null ? "Never delivered" : `Last delivered ${g.daysSinceDelivery} days ago (${g.lastDeliveredBefore})`);
  reasons.push("Nothing delivered or planned in the period");
  return reasons;
}
