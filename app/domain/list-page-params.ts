// What each list page takes in its URL: the JSON API's own declaration of the
// same list, so that a value the API refuses the page leaves out (saying so)
// and the page's CSV refuses, with the page's own page size and the few
// choices only a page offers.
import { COURSE_PARAMS, MATERIAL_PARAMS, ORGANISATION_PARAMS, REQUEST_PARAMS, TRAINER_PARAMS } from "./api-endpoints";
import { withPageSize, type ParamSpecs } from "./api-params";
import { COURSES_PER_PAGE } from "./course-search";

export const ORGANISATION_LIST_PARAMS = withPageSize(ORGANISATION_PARAMS, 25);

export const TRAINER_LIST_PARAMS = withPageSize(TRAINER_PARAMS, 24);

export const COURSE_LIST_PARAMS = withPageSize(COURSE_PARAMS, COURSES_PER_PAGE);

export const MATERIAL_LIST_PARAMS = withPageSize(MATERIAL_PARAMS, 25);

// The requests page has no urgency filter, and two ticks of its own.
const { urgency: _urgency, ...REQUEST_FILTERS } = REQUEST_PARAMS;

const REQUEST_TICKS = {
  open: { type: "enum", values: ["1"], description: "1: open requests only (unless statuses are chosen)." },
  mine: { type: "enum", values: ["1"], description: "1: the focal point's own country's requests only." },
} as const satisfies ParamSpecs;

export const REQUEST_LIST_PARAMS = withPageSize({ ...REQUEST_FILTERS, ...REQUEST_TICKS }, 25);

export const COUNTRY_LIST_PARAMS = {
  active: { type: "enum", values: ["1"], description: "1: only countries with sessions delivered or planned." },
} as const satisfies ParamSpecs;
