// Loads the reference lists into the database. Idempotent: codes are keys,
// labels are refreshed, topics that coordinators added are left alone.
import { sql } from "drizzle-orm";
import { type Executor } from "../client.server";
import { audiences, countries, offenceFocuses, topics } from "../schema";
import { buildCountrySeeds } from "./countries";
import { AUDIENCE_SEEDS, OFFENCE_SEEDS, TOPIC_SEEDS, parentTopicCode } from "./reference-lists";

export async function seedReference(db: Executor) {
  const countryRows = buildCountrySeeds();
  for (let i = 0; i < countryRows.length; i += 100) {
    await db
      .insert(countries)
      .values(countryRows.slice(i, i + 100))
      .onConflictDoUpdate({
        target: countries.code,
        set: Object.fromEntries(
          Object.keys(countryRows[0])
            .filter((k) => k !== "code")
            .map((k) => [k, sql.raw(`excluded.${countries[k as keyof typeof countries.$inferSelect].name}`)]),
        ),
      });
  }
  // Parents first, so the self-reference holds.
  await db
    .insert(topics)
    .values(TOPIC_SEEDS.map((t, i) => ({ ...t, parentCode: parentTopicCode(t.code), sortOrder: i })))
    .onConflictDoUpdate({ target: topics.code, set: { label: sql`excluded.label`, sortOrder: sql`excluded.sort_order` } });
  await db
    .insert(offenceFocuses)
    .values(OFFENCE_SEEDS.map((o, i) => ({ ...o, sortOrder: i })))
    .onConflictDoUpdate({ target: offenceFocuses.code, set: { label: sql`excluded.label` } });
  await db
    .insert(audiences)
    .values(AUDIENCE_SEEDS.map((a, i) => ({ ...a, sortOrder: i })))
    .onConflictDoUpdate({ target: audiences.code, set: { label: sql`excluded.label` } });
}
