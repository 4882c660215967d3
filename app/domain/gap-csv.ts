// /coverage/gaps.csv. Apart from gaps.ts, which the pages' browser code
// imports: the CSV writer needs Node's Buffer.
import { csvDocument } from "./csv-safety";
import { type RankedGap } from "./gaps";

/** The gap list as /coverage/gaps.csv, written like every other CSV of the registry (csvDocument). */
export function gapListCsv(gaps: (RankedGap & { countryName: string; topicLabel: string; regionName: string | null })[]): string {
  const header = ["rank", "country", "country_name", "region", "topic", "topic_label", "need_level", "open_requests", "oldest_request_days", "last_delivered", "days_since_delivery", "reasons"];
  const rows = gaps.map((g) => [
    g.rank,
    g.country,
    g.countryName,
    g.regionName,
    g.topic,
    g.topicLabel,
    g.needLevel,
    g.openRequests,
    g.oldestRequestDays,
    g.lastDeliveredBefore,
    g.daysSinceDelivery,
    g.reasons.join("; "),
  ]);
  return csvDocument([header, ...rows]);
}
