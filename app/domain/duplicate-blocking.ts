// Which pairs are worth scoring at all. Comparing every record with every
// other grows with the square of the records; blocking compares only records
// that share a cheap key (a country and a fortnight, a word of the name), so
// the work grows roughly with the number of records. Pure, for unit tests.
import { foldText, initialsOf, looksLikeAcronym, parsePersonName, prepareText } from "./similarity";
import { SESSION_DATE_WINDOW_DAYS } from "./duplicate-scoring";

export type SessionBlockingFacts = {
  countries: readonly string[];
  startDay: number;
  provider: { id: string };
  reporter: { id: string };
  externalId: string | null;
  providerRef: string | null;
};

/**
 * Index pairs [i, j] (i < j) of sessions that share a beneficiary country and
 * start at most `windowDays` apart, plus every funder report whose provider
 * reference names a provider's own report, however far apart its dates.
 */
export function sessionCandidatePairs(sessions: readonly SessionBlockingFacts[], windowDays = SESSION_DATE_WINDOW_DAYS): [number, number][] {
  const pairs: [number, number][] = [];
  forEachSessionCandidatePair(sessions, (i, j) => pairs.push([i, j]), windowDays);
  return pairs;
}

/** The same pairs, each handed to `visit(i, j)` (i < j) as found: a full scan meets a million of them and keeps none. */
export function forEachSessionCandidatePair(sessions: readonly SessionBlockingFacts[], visit: (i: number, j: number) => void, windowDays = SESSION_DATE_WINDOW_DAYS) {
  const countriesOf = sessions.map((s) => [...new Set(s.countries)].sort());
  /** The first beneficiary country two sessions share, in code order: where the sweep keeps their pair. */
  const firstShared = (i: number, j: number) => {
    const cj = countriesOf[j];
    for (const c of countriesOf[i]) if (cj.includes(c)) return c;
    return null;
  };
  const byCountry = new Map<string, number[]>();
  countriesOf.forEach((codes, i) => {
    for (const c of codes) {
      const list = byCountry.get(c);
      if (list) list.push(i);
      else byCountry.set(c, [i]);
    }
  });
  // A pair sharing several countries is met in each; it is kept in the first only, so no set of seen pairs is needed.
  for (const [country, members] of byCountry) {
    members.sort((a, b) => sessions[a].startDay - sessions[b].startDay);
    for (let x = 0; x < members.length; x++) {
      const i = members[x];
      const start = sessions[i].startDay;
      const several = countriesOf[i].length > 1;
      for (let y = x + 1; y < members.length && sessions[members[y]].startDay - start <= windowDays; y++) {
        const j = members[y];
        if ((several || countriesOf[j].length > 1) && firstShared(i, j) !== country) continue;
        if (i < j) visit(i, j);
        else visit(j, i);
      }
    }
  }
  // Funder reports naming the provider's own id, unless the sweep already paired them.
  const ownReports = new Map<string, number>();
  sessions.forEach((s, i) => {
    if (s.externalId) ownReports.set(`${s.reporter.id}\u0000${s.externalId}`, i);
  });
  const swept = (i: number, j: number) => firstShared(i, j) !== null && Math.abs(sessions[i].startDay - sessions[j].startDay) <= windowDays;
  const linked = new Set<string>();
  sessions.forEach((s, i) => {
    if (!s.providerRef) return;
    const j = ownReports.get(`${s.provider.id}\u0000${s.providerRef}`);
    if (j === undefined || j === i || swept(i, j)) return;
    const [x, y] = i < j ? [i, j] : [j, i];
    if (linked.has(`${x}|${y}`)) return;
    linked.add(`${x}|${y}`);
    visit(x, y);
  });
}

/**
 * Index pairs of records sharing at least one key. A key held by more than
 * `maxBlock` records ("national", "police") says too little to be worth the
 * square of its size and is skipped; each record's whole folded name is
 * always a key, so identical names still meet.
 */
export function pairsSharingKeys(keysPerRecord: readonly string[][], maxBlock = 200): [number, number][] {
  const blocks = new Map<string, number[]>();
  keysPerRecord.forEach((keys, i) => {
    for (const k of new Set(keys)) {
      const list = blocks.get(k);
      if (list) list.push(i);
      else blocks.set(k, [i]);
    }
  });
  const n = keysPerRecord.length;
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [key, members] of blocks) {
    if (members.length < 2 || (members.length > maxBlock && !key.startsWith("="))) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const k = members[x] * n + members[y];
        if (!seen.has(k)) {
          seen.add(k);
          pairs.push([members[x], members[y]]);
        }
      }
    }
  }
  return pairs;
}

/** Blocking keys of an organisation: its words, its acronym and the initials of its name. */
export function organisationKeys(o: { name: string; acronym: string | null }): string[] {
  const words = prepareText(o.name).tokens.filter((w) => w.length > 2);
  const keys = [`=${foldText(o.name)}`, ...words.map((w) => `w:${w}`), `a:${initialsOf(o.name)}`];
  if (o.acronym) keys.push(`a:${foldText(o.acronym).replace(/ /g, "")}`);
  if (looksLikeAcronym(o.name)) keys.push(`a:${foldText(o.name).replace(/ /g, "")}`);
  return keys;
}

/** Blocking keys of a person: each name longer than an initial, and the e-mail. */
export function trainerKeys(t: { name: string; email: string | null }): string[] {
  const name = parsePersonName(t.name);
  const keys = [`=${name.all.join(" ")}`, ...name.all.filter((w) => w.length > 1).map((w) => `n:${w}`)];
  if (t.email) keys.push(`=${t.email.trim().toLowerCase()}`);
  return keys;
}

/** Blocking keys of a course: the words of its title that carry meaning, and its acronyms. */
export function courseKeys(c: { title: string }): string[] {
  const text = prepareText(c.title);
  return [`=${text.tokens.join(" ")}`, ...text.tokens.filter((w) => w.length > 3).map((w) => `w:${w}`), ...text.acronyms.map((a) => `w:${a}`)];
}

/** Groups of records linked by candidate pairs (connected components), each sorted, largest first. */
export function clustersOf(pairs: readonly (readonly [string, string])[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]));
}
