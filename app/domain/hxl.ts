// Training sessions as HXL-tagged 3W rows ("who does what where",
// https://hxlstandard.org), for humanitarian tools: a header row people read,
// then a row of HXL hashtags that tools read, then one row per session and
// beneficiary country. A session for three countries gives three rows; its
// participants go on the first only, so summing #output+num over the file
// counts every participant once. The city is in the host country, so it goes
// on that country's row only (on none when the host is not a beneficiary).
import { type CsvCell } from "./csv-safety";

export type HxlSession = {
  id: string;
  title: string;
  provider: { name: string };
  funderList: { name: string }[];
  beneficiaries: { code: string; name: string }[];
  hostCountry: string;
  city: string | null;
  topicList: { code: string; label: string }[];
  startDate: string;
  endDate: string;
  status: string;
  participants: number | null;
};

const COLUMNS: [header: string, tag: string, value: (s: HxlSession, country: { code: string; name: string }, first: boolean) => CsvCell][] = [
  ["Session id", "#activity+id", (s) => s.id],
  ["Title", "#activity+name", (s) => s.title],
  ["Implementing organisation", "#org+impl", (s) => s.provider.name],
  ["Funders", "#org+funder", (s) => s.funderList.map((f) => f.name).join("; ")],
  ["Country code", "#country+code", (_, c) => c.code],
  ["Country", "#country+name", (_, c) => c.name],
  ["City", "#loc+name", (s, c) => (c.code === s.hostCountry ? s.city : null)],
  ["Sector", "#sector", (s) => s.topicList.map((t) => t.label).join("; ")],
  ["Topic codes", "#sector+code", (s) => s.topicList.map((t) => t.code).join(";")],
  ["Start date", "#date+start", (s) => s.startDate],
  ["End date", "#date+end", (s) => s.endDate],
  ["Status", "#status", (s) => s.status],
  ["Participants", "#output+num", (s, _, first) => (first ? s.participants : null)],
];

export const HXL_HEADER = COLUMNS.map(([header]) => header);
export const HXL_TAGS = COLUMNS.map(([, tag]) => tag);

export function hxlRows(s: HxlSession): CsvCell[][] {
  return s.beneficiaries.map((country, i) => COLUMNS.map(([, , value]) => value(s, country, i === 0)));
}
