import { expect, test } from "vitest";
import { gapListCsv } from "./gap-csv";
import { rankGaps } from "./gaps";

const gap = { country: "KEN", topic: "EVID", needLevel: 3, openRequests: 0, oldestOpenRequest: null, lastDeliveredBefore: null };

test("the gap CSV is written like the registry's other CSVs: byte order mark, CRLF, formula-looking text neutralised", () => {
  const [ranked] = rankGaps([gap], "2025-06-01");
  const csv = gapListCsv([{ ...ranked, countryName: "=Kenya", topicLabel: "Électronique", regionName: null }]);
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("\uFEFFrank,country,country_name,region,topic,topic_label,need_level,open_requests,oldest_request_days,last_delivered,days_since_delivery,reasons");
  expect(lines[1]).toMatch(/^1,KEN,'=Kenya,,EVID,Électronique,3,0,,,,/);
});
