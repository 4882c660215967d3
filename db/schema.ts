// The whole data model of the registry (DESIGN §2), one source of truth.
// Every record table shares the same bookkeeping columns (see `record`), list
// values that pages filter on live in join tables so they can be indexed.
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import { ulid } from "ulid";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Stable id, timestamps, author, optimistic-concurrency version and soft delete. */
const record = () => ({
  id: text("id").primaryKey().$defaultFn(() => ulid()),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
  createdBy: text("created_by"),
  version: integer("version").notNull().default(1),
  deletedAt: text("deleted_at"),
});

// ---------------------------------------------------------------- reference

export const countries = sqliteTable(
  "country",
  {
    code: text("code").primaryKey(), // ISO 3166-1 alpha-3
    alpha2: text("alpha2").notNull(),
    numeric: text("numeric").notNull(),
    nameEn: text("name_en").notNull(),
    nameUn: text("name_un"), // the UN M49 form, e.g. "Bolivia (Plurinational State of)"
    nameFr: text("name_fr"),
    nameEs: text("name_es"),
    nameRu: text("name_ru"),
    nameAr: text("name_ar"),
    nameZh: text("name_zh"),
    // UN M49: region (e.g. 002 Africa), sub-region (202 Sub-Saharan Africa),
    // intermediate region where one exists (011 Western Africa).
    regionCode: text("region_code"),
    regionName: text("region_name"),
    subregionCode: text("subregion_code"),
    subregionName: text("subregion_name"),
    intermediateCode: text("intermediate_code"),
    intermediateName: text("intermediate_name"),
  },
  (t) => [uniqueIndex("country_alpha2_idx").on(t.alpha2), index("country_region_idx").on(t.regionCode)],
);

export const topics = sqliteTable(
  "topic",
  {
    code: text("code").primaryKey(), // e.g. EVID.PRESERVE; the parent is the prefix
    parentCode: text("parent_code").references((): AnySQLiteColumn => topics.code),
    label: text("label").notNull(),
    description: text("description"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    createdBy: text("created_by"),
    version: integer("version").notNull().default(1),
    deletedAt: text("deleted_at"),
  },
  (t) => [index("topic_parent_idx").on(t.parentCode)],
);

export const offenceFocuses = sqliteTable("offence_focus", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const audiences = sqliteTable("audience", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

// ---------------------------------------------------------------- people & organisations

export const ORGANISATION_KINDS = ["un", "igo", "government", "law_enforcement", "ngo", "academic", "private", "donor"] as const;

export const organisations = sqliteTable(
  "organisation",
  {
    ...record(),
    name: text("name").notNull(),
    acronym: text("acronym"),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    countryCode: text("country_code").references(() => countries.code),
    website: text("website"),
    description: text("description"),
    duplicateOf: text("duplicate_of").references((): AnySQLiteColumn => organisations.id),
  },
  (t) => [index("organisation_name_idx").on(t.name), index("organisation_acronym_idx").on(t.acronym)],
);

export const ROLES = ["trainer", "focal_point", "donor", "coordinator", "admin"] as const;

export const users = sqliteTable(
  "user",
  {
    ...record(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    organisationId: text("organisation_id").references(() => organisations.id),
    countryCode: text("country_code").references(() => countries.code),
    vetted: integer("vetted", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("user_email_idx").on(t.email)],
);

export const trainers = sqliteTable(
  "trainer",
  {
    ...record(),
    name: text("name").notNull(),
    organisationId: text("organisation_id").references(() => organisations.id),
    bio: text("bio"),
    email: text("email"),
    phone: text("phone"),
    // Contact details are shown only to signed-in users and only with consent.
    contactConsent: integer("contact_consent", { mode: "boolean" }).notNull().default(false),
    userId: text("user_id").references(() => users.id),
    duplicateOf: text("duplicate_of").references((): AnySQLiteColumn => trainers.id),
  },
  (t) => [index("trainer_org_idx").on(t.organisationId), index("trainer_name_idx").on(t.name)],
);

export const trainerTopics = sqliteTable(
  "trainer_topic",
  {
    trainerId: text("trainer_id").notNull().references(() => trainers.id),
    topicCode: text("topic_code").notNull().references(() => topics.code),
  },
  (t) => [primaryKey({ columns: [t.trainerId, t.topicCode] }), index("trainer_topic_topic_idx").on(t.topicCode)],
);

export const trainerLanguages = sqliteTable(
  "trainer_language",
  {
    trainerId: text("trainer_id").notNull().references(() => trainers.id),
    language: text("language").notNull(), // ISO 639-1
  },
  (t) => [primaryKey({ columns: [t.trainerId, t.language] }), index("trainer_language_lang_idx").on(t.language)],
);

export const trainerCountries = sqliteTable(
  "trainer_country",
  {
    trainerId: text("trainer_id").notNull().references(() => trainers.id),
    countryCode: text("country_code").notNull().references(() => countries.code),
  },
  (t) => [primaryKey({ columns: [t.trainerId, t.countryCode] }), index("trainer_country_country_idx").on(t.countryCode)],
);

// ---------------------------------------------------------------- catalogue

export const LEVELS = ["awareness", "foundation", "intermediate", "advanced", "train_the_trainer"] as const;
export const MODES = ["in_person", "online", "blended", "self_paced"] as const;
export const COURSE_STATUSES = ["active", "retired"] as const;

export const courses = sqliteTable(
  "course",
  {
    ...record(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull().default(""), // Markdown, sanitised on render
    providerId: text("provider_id").notNull().references(() => organisations.id),
    level: text("level", { enum: LEVELS }).notNull(),
    mode: text("mode", { enum: MODES }).notNull(),
    durationHours: real("duration_hours"),
    prerequisites: text("prerequisites"),
    status: text("status", { enum: COURSE_STATUSES }).notNull().default("active"),
    duplicateOf: text("duplicate_of").references((): AnySQLiteColumn => courses.id),
  },
  (t) => [index("course_provider_idx").on(t.providerId), index("course_title_idx").on(t.title)],
);

export const courseTopics = sqliteTable(
  "course_topic",
  {
    courseId: text("course_id").notNull().references(() => courses.id),
    topicCode: text("topic_code").notNull().references(() => topics.code),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.topicCode] }), index("course_topic_topic_idx").on(t.topicCode)],
);

export const courseAudiences = sqliteTable(
  "course_audience",
  {
    courseId: text("course_id").notNull().references(() => courses.id),
    audienceCode: text("audience_code").notNull().references(() => audiences.code),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.audienceCode] }), index("course_audience_aud_idx").on(t.audienceCode)],
);

export const courseOffences = sqliteTable(
  "course_offence",
  {
    courseId: text("course_id").notNull().references(() => courses.id),
    offenceCode: text("offence_code").notNull().references(() => offenceFocuses.code),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.offenceCode] }), index("course_offence_off_idx").on(t.offenceCode)],
);

export const courseLanguages = sqliteTable(
  "course_language",
  {
    courseId: text("course_id").notNull().references(() => courses.id),
    language: text("language").notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.language] }), index("course_language_lang_idx").on(t.language)],
);

export const MATERIAL_KINDS = ["curriculum", "slides", "handbook", "exercise", "video", "assessment", "report", "other"] as const;
export const ACCESS_LEVELS = ["public", "registered", "restricted"] as const;

export const materials = sqliteTable(
  "material",
  {
    ...record(),
    title: text("title").notNull(),
    description: text("description"),
    kind: text("kind", { enum: MATERIAL_KINDS }).notNull(),
    language: text("language").notNull(),
    licence: text("licence"),
    courseId: text("course_id").references(() => courses.id),
    publisherId: text("publisher_id").notNull().references(() => organisations.id),
    edition: text("edition"), // the material's own version label ("v2.1"), not the row version
    accessLevel: text("access_level", { enum: ACCESS_LEVELS }).notNull().default("public"),
    fileName: text("file_name"),
    filePath: text("file_path"), // relative to UPLOAD_DIR
    fileSize: integer("file_size"),
    mediaType: text("media_type"),
    sha256: text("sha256"),
    externalUrl: text("external_url"),
  },
  (t) => [index("material_course_idx").on(t.courseId), index("material_publisher_idx").on(t.publisherId)],
);

export const ACCESS_REQUEST_STATUSES = ["pending", "granted", "refused"] as const;

export const accessRequests = sqliteTable(
  "access_request",
  {
    ...record(),
    materialId: text("material_id").notNull().references(() => materials.id),
    userId: text("user_id").notNull().references(() => users.id),
    reason: text("reason").notNull(),
    status: text("status", { enum: ACCESS_REQUEST_STATUSES }).notNull().default("pending"),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionReason: text("decision_reason"),
  },
  (t) => [index("access_request_status_idx").on(t.status), index("access_request_user_idx").on(t.userId, t.materialId)],
);

// ---------------------------------------------------------------- training sessions

export const SESSION_STATUSES = ["planned", "confirmed", "completed", "cancelled"] as const;

export const trainingSessions = sqliteTable(
  "training_session",
  {
    ...record(),
    courseId: text("course_id").references(() => courses.id),
    title: text("title").notNull(), // the course title, or the one-off workshop's own
    providerId: text("provider_id").notNull().references(() => organisations.id),
    reportingOrgId: text("reporting_org_id").notNull().references(() => organisations.id),
    externalId: text("external_id"),
    providerRef: text("provider_ref"), // a funder's report: the provider's own external id
    hostCountry: text("host_country").notNull().references(() => countries.code),
    city: text("city"),
    startDate: text("start_date").notNull(), // ISO date
    endDate: text("end_date").notNull(),
    status: text("status", { enum: SESSION_STATUSES }).notNull(),
    language: text("language"),
    mode: text("mode", { enum: MODES }),
    participants: integer("participants"),
    participantsFemale: integer("participants_female"),
    participantsMale: integer("participants_male"),
    participantsByAudience: text("participants_by_audience", { mode: "json" }).$type<Record<string, number>>(),
    outcomes: text("outcomes"),
    notes: text("notes"),
    // Hash of the last imported CSV row, so re-importing an unchanged row is a no-op.
    importHash: text("import_hash"),
    duplicateOf: text("duplicate_of").references((): AnySQLiteColumn => trainingSessions.id),
  },
  (t) => [
    uniqueIndex("session_reporter_external_idx")
      .on(t.reportingOrgId, t.externalId)
      .where(sql`external_id IS NOT NULL AND deleted_at IS NULL`),
    // Deleted sessions by the reporter's id, so an import can leave their rows out instead of creating them again.
    index("session_reporter_deleted_idx")
      .on(t.reportingOrgId, t.externalId)
      .where(sql`deleted_at IS NOT NULL`),
    index("session_host_idx").on(t.hostCountry, t.startDate),
    index("session_provider_idx").on(t.providerId),
    index("session_course_idx").on(t.courseId),
    index("session_status_idx").on(t.status, t.endDate),
    // By start date, and sessions that start shortly before a coverage window
    // and run into it (a start-date-only index would only slow every insert).
    index("session_span_idx").on(t.startDate, t.endDate),
    // Sessions changed since the last duplicate scan (models/duplicates.server.ts).
    index("session_updated_idx").on(t.updatedAt),
    // A funder's report naming the provider's own id: found from either side.
    index("session_provider_ref_idx").on(t.providerId, t.providerRef).where(sql`provider_ref IS NOT NULL`),
  ],
);

/** Beneficiary countries (the host country unless the session says otherwise). */
export const sessionCountries = sqliteTable(
  "session_country",
  {
    sessionId: text("session_id").notNull().references(() => trainingSessions.id),
    countryCode: text("country_code").notNull().references(() => countries.code),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.countryCode] }), index("session_country_country_idx").on(t.countryCode)],
);

export const sessionTopics = sqliteTable(
  "session_topic",
  {
    sessionId: text("session_id").notNull().references(() => trainingSessions.id),
    topicCode: text("topic_code").notNull().references(() => topics.code),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.topicCode] }), index("session_topic_topic_idx").on(t.topicCode)],
);

export const sessionAudiences = sqliteTable(
  "session_audience",
  {
    sessionId: text("session_id").notNull().references(() => trainingSessions.id),
    audienceCode: text("audience_code").notNull().references(() => audiences.code),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.audienceCode] }), index("session_audience_aud_idx").on(t.audienceCode)],
);

export const sessionOffences = sqliteTable(
  "session_offence",
  {
    sessionId: text("session_id").notNull().references(() => trainingSessions.id),
    offenceCode: text("offence_code").notNull().references(() => offenceFocuses.code),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.offenceCode] }), index("session_offence_off_idx").on(t.offenceCode)],
);

export const sessionFunders = sqliteTable(
  "session_funder",
  {
    sessionId: text("session_id").notNull().references(() => trainingSessions.id),
    organisationId: text("organisation_id").notNull().references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.organisationId] }), index("session_funder_org_idx").on(t.organisationId)],
);

export const sessionTrainers = sqliteTable(
  "session_trainer",
  {
    sessionId: text("session_id").notNull().references(() => trainingSessions.id),
    trainerId: text("trainer_id").notNull().references(() => trainers.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.trainerId] }), index("session_trainer_trainer_idx").on(t.trainerId)],
);

/**
 * Identifiers that belonged to a merged-away record: (reporting org, external
 * id) keeps pointing at the survivor, so re-importing an old file updates it.
 */
export const externalAliases = sqliteTable(
  "external_alias",
  {
    reportingOrgId: text("reporting_org_id").notNull().references(() => organisations.id),
    externalId: text("external_id").notNull(),
    sessionId: text("session_id").notNull().references(() => trainingSessions.id),
    createdAt: text("created_at").notNull().default(now),
    /** The merged-away session's import content hash: its file row, still unchanged, is then nothing new to write over the survivor. */
    importHash: text("import_hash"),
  },
  (t) => [primaryKey({ columns: [t.reportingOrgId, t.externalId] })],
);

// ---------------------------------------------------------------- needs, requests, funding

export const REQUEST_STATUSES = ["submitted", "under_review", "matched", "scheduled", "delivered", "declined", "withdrawn"] as const;
export const URGENCIES = ["low", "medium", "high"] as const;

export const assistanceRequests = sqliteTable(
  "assistance_request",
  {
    ...record(),
    countryCode: text("country_code").notNull().references(() => countries.code),
    agencyId: text("agency_id").references(() => organisations.id),
    agencyName: text("agency_name"),
    title: text("title").notNull(),
    description: text("description").notNull(),
    expectedParticipants: integer("expected_participants"),
    wantedFrom: text("wanted_from"),
    wantedTo: text("wanted_to"),
    urgency: text("urgency", { enum: URGENCIES }).notNull().default("medium"),
    status: text("status", { enum: REQUEST_STATUSES }).notNull().default("submitted"),
    statusReason: text("status_reason"),
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("request_country_idx").on(t.countryCode, t.status)],
);

export const requestTopics = sqliteTable(
  "request_topic",
  {
    requestId: text("request_id").notNull().references(() => assistanceRequests.id),
    topicCode: text("topic_code").notNull().references(() => topics.code),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.topicCode] }), index("request_topic_topic_idx").on(t.topicCode)],
);

export const requestAudiences = sqliteTable(
  "request_audience",
  {
    requestId: text("request_id").notNull().references(() => assistanceRequests.id),
    audienceCode: text("audience_code").notNull().references(() => audiences.code),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.audienceCode] })],
);

export const requestLanguages = sqliteTable(
  "request_language",
  {
    requestId: text("request_id").notNull().references(() => assistanceRequests.id),
    language: text("language").notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.language] })],
);

export const requestStatusEvents = sqliteTable(
  "request_status_event",
  {
    id: text("id").primaryKey().$defaultFn(() => ulid()),
    requestId: text("request_id").notNull().references(() => assistanceRequests.id),
    fromStatus: text("from_status", { enum: REQUEST_STATUSES }),
    toStatus: text("to_status", { enum: REQUEST_STATUSES }).notNull(),
    note: text("note"),
    at: text("at").notNull().default(now),
    by: text("by").references(() => users.id),
  },
  (t) => [index("request_status_event_req_idx").on(t.requestId, t.at)],
);

export const MATCH_KINDS = ["course", "trainer", "session", "organisation"] as const;

export const requestMatches = sqliteTable(
  "request_match",
  {
    ...record(),
    requestId: text("request_id").notNull().references(() => assistanceRequests.id),
    kind: text("kind", { enum: MATCH_KINDS }).notNull(),
    targetId: text("target_id").notNull(),
    note: text("note"),
  },
  (t) => [index("request_match_req_idx").on(t.requestId), index("request_match_target_idx").on(t.kind, t.targetId)],
);

export const needsAssessments = sqliteTable(
  "needs_assessment",
  {
    ...record(),
    countryCode: text("country_code").notNull().references(() => countries.code),
    assessedOn: text("assessed_on").notNull(), // ISO date
    assessor: text("assessor").notNull(),
    notes: text("notes"),
  },
  (t) => [index("needs_assessment_country_idx").on(t.countryCode, t.assessedOn)],
);

export const needsAssessmentItems = sqliteTable(
  "needs_assessment_item",
  {
    assessmentId: text("assessment_id").notNull().references(() => needsAssessments.id),
    topicCode: text("topic_code").notNull().references(() => topics.code),
    level: integer("level").notNull(), // 0 none … 3 critical
    notes: text("notes"),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.topicCode] })],
);

export const FUNDING_STATUSES = ["pledged", "committed", "disbursed"] as const;

export const fundings = sqliteTable(
  "funding",
  {
    ...record(),
    donorId: text("donor_id").notNull().references(() => organisations.id),
    sessionId: text("session_id").references(() => trainingSessions.id),
    requestId: text("request_id").references(() => assistanceRequests.id),
    amount: real("amount"),
    currency: text("currency"), // ISO 4217
    status: text("status", { enum: FUNDING_STATUSES }).notNull(),
    note: text("note"),
  },
  (t) => [index("funding_session_idx").on(t.sessionId), index("funding_request_idx").on(t.requestId), index("funding_donor_idx").on(t.donorId)],
);

// ---------------------------------------------------------------- bookkeeping

export const RECORD_KINDS = [
  "organisation",
  "user",
  "trainer",
  "course",
  "material",
  "session",
  "request",
  "needs_assessment",
  "funding",
  "access_request",
  "topic",
  "duplicate_decision",
  "api_token",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** Append-only: nothing updates or deletes these rows. */
export const auditEvents = sqliteTable(
  "audit_event",
  {
    id: text("id").primaryKey().$defaultFn(() => ulid()),
    at: text("at").notNull().default(now),
    actorId: text("actor_id"),
    action: text("action").notNull(), // create, update, delete, restore, merge, …
    recordKind: text("record_kind", { enum: RECORD_KINDS }).notNull(),
    recordId: text("record_id").notNull(),
    changes: text("changes", { mode: "json" }).$type<FieldChanges>(),
  },
  (t) => [index("audit_record_idx").on(t.recordKind, t.recordId, t.at), index("audit_actor_idx").on(t.actorId, t.at)],
);

export const DUPLICATE_KINDS = ["session", "course", "trainer", "organisation"] as const;
export const DUPLICATE_DECISIONS = ["merged", "not_duplicate", "unsure"] as const;

export const duplicateDecisions = sqliteTable(
  "duplicate_decision",
  {
    ...record(),
    kind: text("kind", { enum: DUPLICATE_KINDS }).notNull(),
    idA: text("id_a").notNull(), // the smaller id of the pair, so a pair has one key
    idB: text("id_b").notNull(),
    decision: text("decision", { enum: DUPLICATE_DECISIONS }).notNull(),
    note: text("note"),
    // What a merge changed on the survivor, so it can be undone exactly.
    mergeSnapshot: text("merge_snapshot", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [uniqueIndex("duplicate_pair_idx").on(t.kind, t.idA, t.idB).where(sql`deleted_at IS NULL`)],
);

/**
 * Candidate duplicate pairs (derived): every pair of live records that
 * blocking proposed and scoring kept, with its score and reasons. Refreshed
 * from the records changed since the last scan (duplicate_scan.watermark), so
 * any write path keeps it current; decisions live in duplicate_decision.
 * See docs/decisions/004-duplicate-scoring.md.
 */
export const duplicateCandidates = sqliteTable(
  "duplicate_candidate",
  {
    kind: text("kind", { enum: DUPLICATE_KINDS }).notNull(),
    idA: text("id_a").notNull(), // the smaller id, as in duplicate_decision
    idB: text("id_b").notNull(),
    score: real("score").notNull(),
    reasons: text("reasons", { mode: "json" }).$type<string[]>().notNull(),
    computedAt: text("computed_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.kind, t.idA, t.idB] }), index("duplicate_candidate_score_idx").on(t.kind, t.score), index("duplicate_candidate_b_idx").on(t.kind, t.idB)],
);

/** Per kind: `watermark` is the last duplicate_dirty seq applied to the candidates; when the last full scan ran. */
export const duplicateScans = sqliteTable("duplicate_scan", {
  kind: text("kind", { enum: DUPLICATE_KINDS }).primaryKey(),
  watermark: text("watermark"),
  fullScanAt: text("full_scan_at"),
});

/**
 * Records whose duplicate candidates must be recomputed, appended by triggers
 * (drizzle/*_duplicate_dirty_triggers.sql) on every write to a record or its
 * lists, whatever path writes it. The refresh applies and removes them in seq
 * order, so a change made while it runs is picked up the next time.
 */
export const duplicateDirty = sqliteTable(
  "duplicate_dirty",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: DUPLICATE_KINDS }).notNull(),
    recordId: text("record_id").notNull(),
  },
  (t) => [index("duplicate_dirty_kind_idx").on(t.kind, t.seq)],
);

/**
 * Blocking index of live sessions (derived, kept exact by triggers in
 * drizzle/*_session_block_triggers.sql): one row per beneficiary country and
 * topic, plus one with topic '' per country. Duplicate checks read
 * (country, '', start date range); overlap checks read (country, topic,
 * start date range). WITHOUT ROWID (added by hand to the migration).
 */
export const sessionBlocks = sqliteTable(
  "session_block",
  {
    countryCode: text("country_code").notNull(),
    topicCode: text("topic_code").notNull(),
    startDate: text("start_date").notNull(),
    sessionId: text("session_id").notNull(),
    endDate: text("end_date").notNull(),
    providerId: text("provider_id").notNull(),
    status: text("status").notNull(),
  },
  (t) => [primaryKey({ columns: [t.countryCode, t.topicCode, t.startDate, t.sessionId] }), index("session_block_session_idx").on(t.sessionId)],
);

export const apiTokens = sqliteTable(
  "api_token",
  {
    id: text("id").primaryKey().$defaultFn(() => ulid()),
    userId: text("user_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull().default(now),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_token_hash_idx").on(t.tokenHash), index("api_token_user_idx").on(t.userId)],
);

export const FOLLOW_KINDS = ["country", "region", "topic"] as const;

export const follows = sqliteTable(
  "follow",
  {
    id: text("id").primaryKey().$defaultFn(() => ulid()),
    userId: text("user_id").notNull().references(() => users.id),
    kind: text("kind", { enum: FOLLOW_KINDS }).notNull(),
    value: text("value").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("follow_unique_idx").on(t.userId, t.kind, t.value), index("follow_target_idx").on(t.kind, t.value)],
);

export const notifications = sqliteTable(
  "notification",
  {
    id: text("id").primaryKey().$defaultFn(() => ulid()),
    userId: text("user_id").notNull().references(() => users.id),
    at: text("at").notNull().default(now),
    message: text("message").notNull(),
    link: text("link"),
    readAt: text("read_at"),
    /** When an e-mail copy was claimed for sending (only with SMTP_URL set); null otherwise. */
    emailedAt: text("emailed_at"),
  },
  (t) => [
    index("notification_user_idx").on(t.userId, t.readAt, t.at),
    // The mailer's scan: recent notifications not yet sent.
    index("notification_unmailed_idx").on(t.at).where(sql`emailed_at IS NULL`),
  ],
);

/** Failed sign-ins, kept in the database so rate limiting holds across nodes. */
export const loginAttempts = sqliteTable(
  "login_attempt",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: text("at").notNull().default(now),
  },
  (t) => [index("login_attempt_key_idx").on(t.key, t.at)],
);

// ---------------------------------------------------------------- coverage rollup (derived, kept exact by triggers)

export const COVERAGE_CLASSES = ["delivered", "planned"] as const;

/**
 * Counts of live, non-cancelled sessions per beneficiary country, topic (each
 * session topic and its ancestors, once per session) and start period: the
 * year ("2024") and the month ("2024-03") of the start date. Maintained by
 * triggers on training_session, session_country and session_topic (the
 * custom migration drizzle/*_coverage_triggers.sql), so every write path keeps it exact.
 * See docs/decisions/003-coverage-rollup.md.
 */
export const coverageRollup = sqliteTable(
  "coverage_rollup",
  {
    period: text("period").notNull(),
    countryCode: text("country_code").notNull(),
    topicCode: text("topic_code").notNull(),
    statusClass: text("status_class", { enum: COVERAGE_CLASSES }).notNull(),
    sessions: integer("sessions").notNull(),
    participants: integer("participants").notNull(),
    lastEnd: text("last_end"), // latest end date of a delivered session in the bucket
  },
  // WITHOUT ROWID (added by hand to the migration): the table is its primary key, so scans are covering.
  (t) => [primaryKey({ columns: [t.period, t.countryCode, t.topicCode, t.statusClass] })],
);

/** Each topic with itself and every ancestor (by code prefix): the closure that coverage counts through. */
export const topicAncestors = sqliteTable(
  "topic_ancestor",
  {
    topicCode: text("topic_code").notNull(),
    ancestorCode: text("ancestor_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicCode, t.ancestorCode] })],
);

/**
 * One row (id = 1). maxSpanDays only grows: an upper bound on any session's
 * length, so the sessions that start before a window and overlap it are found
 * with a bounded index range. generation changes on every write that can
 * change coverage, so a cached coverage result is reused only while it holds.
 */
export const coverageMeta = sqliteTable("coverage_meta", {
  id: integer("id").primaryKey(),
  maxSpanDays: integer("max_span_days").notNull().default(0),
  generation: integer("generation").notNull().default(0),
});
