// What each kind of organisation is called wherever people read it: the
// organisation pages, the form, the list filter and the CSV export.
import { type ORGANISATION_KINDS } from "#db/schema";

export const ORGANISATION_KIND_LABELS: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  un: "United Nations entity",
  igo: "Intergovernmental organisation",
  government: "Government",
  law_enforcement: "Law enforcement",
  ngo: "Non-governmental organisation",
  academic: "Academic",
  private: "Private sector",
  donor: "Donor",
};
