// The OpenAPI 3.1 description of /api/v1, built from the same parameter
// declarations the endpoints read, so the document cannot drift from them.
import { CHECK_PARAMS, COURSE_PARAMS, COVERAGE_PARAMS, DUPLICATE_PARAMS, MATERIAL_PARAMS, OVERLAP_PARAMS, ORGANISATION_PARAMS, REQUEST_PARAMS, SESSION_FILTER_PARAMS, SESSION_LIST_PARAMS, TRAINER_PARAMS } from "./api-endpoints";
import { openApiParameters, type ParamSpecs } from "./api-params";

const str = { type: "string" } as const;
const nullable = (type: string, extra: object = {}) => ({ type: [type, "null"], ...extra });
const strings = { type: "array", items: str } as const;
const orgRef = {
  type: "object",
  required: ["id", "name"],
  properties: { id: str, name: str, acronym: nullable("string") },
};

const SCHEMAS = {
  Error: {
    type: "object",
    required: ["error", "parameter"],
    properties: { error: { ...str, description: "What is wrong, in words." }, parameter: { ...nullable("string"), description: "The offending query parameter, if one." } },
  },
  Session: {
    type: "object",
    properties: {
      id: str,
      externalId: nullable("string"),
      reportingOrganisation: orgRef,
      title: str,
      courseId: nullable("string"),
      provider: orgRef,
      funders: { type: "array", items: orgRef },
      hostCountry: { ...str, description: "ISO 3166-1 alpha-3" },
      beneficiaryCountries: { ...strings, description: "ISO 3166-1 alpha-3 codes" },
      city: nullable("string"),
      startDate: { ...str, format: "date" },
      endDate: { ...str, format: "date" },
      status: { enum: ["planned", "confirmed", "completed", "cancelled"] },
      topics: strings,
      audiences: strings,
      offenceFocus: strings,
      language: nullable("string"),
      mode: nullable("string"),
      participants: nullable("integer"),
      trainers: { ...strings, description: "Names only; never contact details." },
      providerRef: nullable("string"),
      updatedAt: { ...str, format: "date-time" },
      restricted: {
        type: "object",
        description: "Present only for callers who may see the session's restricted detail (its organisations, its countries' focal points, coordinators).",
        properties: { notes: nullable("string"), outcomes: nullable("string"), participantsFemale: nullable("integer"), participantsMale: nullable("integer") },
      },
    },
  },
  Course: {
    type: "object",
    properties: {
      id: str,
      title: str,
      summary: str,
      provider: orgRef,
      level: str,
      mode: str,
      durationHours: nullable("number"),
      status: str,
      topics: strings,
      audiences: strings,
      offenceFocus: strings,
      languages: strings,
    },
  },
  Trainer: {
    type: "object",
    properties: {
      id: str,
      name: str,
      organisation: { oneOf: [orgRef, { type: "null" }] },
      bio: nullable("string"),
      topics: strings,
      languages: strings,
      countries: strings,
      contact: {
        ...nullable("object"),
        description: "Only for signed-in callers, and only when the trainer consented; otherwise null.",
        properties: { email: nullable("string"), phone: nullable("string") },
      },
    },
  },
  Material: {
    type: "object",
    properties: {
      id: str,
      title: str,
      description: nullable("string"),
      kind: str,
      language: str,
      licence: nullable("string"),
      edition: nullable("string"),
      accessLevel: { enum: ["public", "registered", "restricted"] },
      publisher: { type: "object", properties: { id: str, name: str } },
      courseId: nullable("string"),
      updatedAt: { ...str, format: "date-time" },
      canDownload: { type: "boolean" },
      download: {
        ...nullable("object"),
        description: "The file or link, only for callers allowed to download it (restricted: vetted users, coordinators, granted requests). `url` takes the same API token.",
        properties: { url: str, externalUrl: nullable("string"), fileName: nullable("string"), fileSize: nullable("integer"), mediaType: nullable("string"), sha256: nullable("string") },
      },
    },
  },
  Organisation: {
    type: "object",
    properties: { id: str, name: str, acronym: nullable("string"), kind: str, country: nullable("string"), sessionsProvided: { type: "integer" }, sessionsFunded: { type: "integer" } },
  },
  Request: {
    type: "object",
    properties: {
      id: str,
      country: str,
      agency: { oneOf: [{ type: "object", properties: { id: nullable("string"), name: str } }, { type: "null" }] },
      title: str,
      description: str,
      topics: strings,
      audiences: strings,
      languages: strings,
      expectedParticipants: nullable("integer"),
      wantedFrom: nullable("string"),
      wantedTo: nullable("string"),
      urgency: str,
      status: str,
      isPublic: { type: "boolean" },
      createdAt: str,
      updatedAt: str,
    },
  },
};

const ERRORS = {
  "400": { description: "A bad parameter: the body names it.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "401": { description: "The API token is unknown or revoked.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
};

function listPath(summary: string, description: string, specs: ParamSpecs, schema: keyof typeof SCHEMAS) {
  return {
    get: {
      summary,
      description,
      parameters: openApiParameters(specs),
      responses: {
        "200": {
          description: "One page of items.",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["items", "page", "pageSize", "total"],
                properties: { items: { type: "array", items: { $ref: `#/components/schemas/${schema}` } }, page: { type: "integer" }, pageSize: { type: "integer" }, total: { type: "integer" } },
              },
            },
          },
        },
        ...ERRORS,
      },
    },
  };
}

function pairsPath(summary: string, description: string, specs: ParamSpecs, pair: object) {
  return {
    get: {
      summary,
      description,
      parameters: openApiParameters(specs),
      responses: {
        "200": {
          description: "One page of pairs.",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["pairs", "page", "pageSize", "total"],
                properties: { pairs: { type: "array", items: pair }, page: { type: "integer" }, pageSize: { type: "integer" }, total: { type: "integer" } },
              },
            },
          },
        },
        ...ERRORS,
        "403": { description: "Not a coordinator (duplicates only).", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    },
  };
}

const sessionBrief = { type: "object", properties: { id: str, title: str, status: str, startDate: { ...str, format: "date" }, endDate: { ...str, format: "date" }, provider: orgRef } };

function exportPath(summary: string, description: string, mediaType: string) {
  return {
    get: {
      summary,
      description,
      parameters: openApiParameters(SESSION_FILTER_PARAMS),
      responses: { "200": { description: "The whole export (every match, no paging).", content: { [mediaType]: { schema: { type: "string" } } } }, ...ERRORS },
    },
  };
}

const json = (schema: object) => ({ "application/json": { schema } });
const integer = { type: "integer" } as const;

const COVERAGE_PATH = {
  get: {
    summary: "Coverage per country and topic (DESIGN §5, §7.2)",
    description:
      "One cell per (country, topic) with anything in it: completed sessions as delivered, planned and confirmed ones as planned, cancelled never; a session counts when its dates overlap the window, once per beneficiary country and topic (a parent topic is covered when a child is). Not paged.",
    parameters: openApiParameters(COVERAGE_PARAMS),
    responses: {
      "200": {
        description: "The window asked for and its cells.",
        content: json({
          type: "object",
          required: ["from", "to", "cells"],
          properties: {
            from: nullable("string", { format: "date" }),
            to: nullable("string", { format: "date" }),
            cells: {
              type: "array",
              items: {
                type: "object",
                required: ["country", "topic", "delivered", "planned", "participants", "lastDelivered", "needLevel", "openRequests"],
                properties: {
                  country: { ...str, description: "ISO 3166-1 alpha-3" },
                  topic: str,
                  delivered: integer,
                  planned: integer,
                  participants: integer,
                  lastDelivered: nullable("string", { format: "date" }),
                  needLevel: nullable("integer", { minimum: 0, maximum: 3, description: "From the country's latest needs assessment." }),
                  openRequests: integer,
                },
              },
            },
          },
        }),
      },
      ...ERRORS,
    },
  },
};

const CHECK_PATH = {
  get: {
    summary: "Check before funding (DESIGN §7.2)",
    description:
      "For one country or region: per topic, whether it is a gap, covered or only planned in the window, with who delivered and funded it, and the overlapping efforts already there. Requests that are not public count in notPublicOpenRequests unless the caller may see them.",
    parameters: openApiParameters(CHECK_PARAMS),
    responses: {
      "200": {
        description: "The verdicts and what they rest on.",
        content: json({
          type: "object",
          required: ["place", "from", "to", "verdicts", "overlaps"],
          properties: {
            place: { type: "object", properties: { country: nullable("string"), region: nullable("string"), name: str, countries: strings } },
            from: nullable("string", { format: "date" }),
            to: nullable("string", { format: "date" }),
            audiences: strings,
            verdicts: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  topic: str,
                  label: str,
                  verdict: { enum: ["gap", "covered", "planned"] },
                  summary: str,
                  delivered: integer,
                  planned: integer,
                  openRequests: integer,
                  needLevel: nullable("integer"),
                  providers: { type: "array", items: { type: "object", properties: { id: str, name: str } } },
                  funders: { type: "array", items: { type: "object", properties: { id: str, name: str } } },
                  lastDelivered: nullable("string", { format: "date" }),
                  nextPlanned: nullable("string", { format: "date" }),
                  sessions: { ...strings, description: "Ids of the sessions behind the verdict." },
                },
              },
            },
            overlaps: {
              type: "array",
              items: { type: "object", properties: { a: sessionBrief, b: sessionBrief, countries: strings, topics: strings, audiences: strings, dayGap: integer } },
            },
            sessions: { type: "array", items: sessionBrief },
            openRequests: { type: "array", items: { type: "object", properties: { id: str, title: str, status: str, country: str, topics: strings } } },
            notPublicOpenRequests: { ...integer, description: "Open requests in the place the caller may not see." },
            fundings: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: str,
                  donor: { type: "object", properties: { id: str, name: str } },
                  sessionId: nullable("string"),
                  requestId: nullable("string"),
                  status: str,
                  amount: nullable("number"),
                  currency: nullable("string"),
                },
              },
            },
          },
        }),
      },
      ...ERRORS,
    },
  },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Training Coordination Registry API",
      version: "1.0.0",
      description:
        "Read access to the registry (DESIGN §7.2). Visitors get public data. A signed-in session or a personal API token (created on your profile page, sent as `Authorization: Bearer <token>`) gets what that user may see; nothing more.",
    },
    servers: [{ url: serverUrl }],
    security: [{}, { bearerToken: [] }, { sessionCookie: [] }],
    paths: {
      "/api/v1/sessions": listPath("Training sessions", "Filtered like the sessions page; newest first unless sort=oldest.", SESSION_LIST_PARAMS, "Session"),
      "/api/v1/sessions.csv": exportPath("Sessions as CSV (DESIGN §7.1 columns)", "Re-imports losslessly. Notes only for callers who may see them. Text cells that start with = + - @ get a leading apostrophe; the importer removes it.", "text/csv"),
      "/api/v1/sessions.iati.xml": exportPath("Sessions as IATI 2.03 activities", "Public facts only, whoever asks.", "application/xml"),
      "/api/v1/sessions.hxl.csv": exportPath("Sessions as HXL-tagged 3W rows", "One row per session and beneficiary country; participants on the first row of each session, the city on the host country's row only.", "text/csv"),
      "/api/v1/sessions.ics": exportPath("Planned and confirmed sessions as an iCalendar feed", "Whole-day events to subscribe to in a calendar app.", "text/calendar"),
      "/api/v1/courses": listPath("Courses", "The catalogue; retired courses only with status=retired or all.", COURSE_PARAMS, "Course"),
      "/api/v1/trainers": listPath("Trainers", "Contact details only for signed-in callers and only with the trainer's consent.", TRAINER_PARAMS, "Trainer"),
      "/api/v1/materials": listPath("Materials", "Metadata for all; the file or link only for those allowed to download it.", MATERIAL_PARAMS, "Material"),
      "/api/v1/organisations": listPath("Organisations", "Providers, funders and requesting agencies with session counts.", ORGANISATION_PARAMS, "Organisation"),
      "/api/v1/duplicates": pairsPath(
        "Candidate duplicate records",
        "Coordinators only. Pairs of records that may describe the same thing, highest score first: a and b are record ids, score is 0..1, reasons say what drove it.",
        DUPLICATE_PARAMS,
        { type: "object", properties: { a: str, b: str, score: nullable("number"), reasons: strings, status: { enum: ["open", "unsure", "not_duplicate", "merged"] }, decidedAt: nullable("string") } },
      ),
      "/api/v1/overlaps": pairsPath(
        "Overlapping efforts",
        "Sessions by different providers serving the same beneficiary country with a shared topic and audience, within `window` days of each other; nearest first.",
        OVERLAP_PARAMS,
        { type: "object", properties: { a: sessionBrief, b: sessionBrief, countries: strings, topics: strings, audiences: strings, dayGap: { type: "integer", description: "Days between the two date ranges; 0 when they overlap." } } },
      ),
      "/api/v1/coverage": COVERAGE_PATH,
      "/api/v1/check": CHECK_PATH,
      "/api/v1/requests": listPath("Assistance requests", "Public requests for everyone; the rest for their country's focal points, their submitter, donors and coordinators.", REQUEST_PARAMS, "Request"),
    },
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token from your profile page." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "__registry_session", description: "The browser session of a signed-in user." },
      },
    },
  };
}
