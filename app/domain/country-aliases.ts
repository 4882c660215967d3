// Facts about what people call countries that the ISO and UN names and the
// i18n-iso-countries aliases leave out: short names, former names and
// abbreviations in everyday use. Spelling variants (case, accents,
// punctuation, spaces) need no entry: names are folded before matching.

/** Alias → ISO 3166-1 alpha-3. */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  Laos: "LAO",
  "Lao PDR": "LAO",
  Swaziland: "SWZ",
  Burma: "MMR",
  Macedonia: "MKD",
  Holland: "NLD",
  "DR Congo": "COD",
  DRC: "COD",
  "Democratic Republic of Congo": "COD",
  "Congo, Democratic Republic of the": "COD",
  "Congo-Kinshasa": "COD",
  Zaire: "COD",
  "Republic of Congo": "COG",
  "Congo, Republic of the": "COG",
  "Congo-Brazzaville": "COG",
  "East Timor": "TLS",
  Vatican: "VAT",
  "Vatican City": "VAT",
  "Vatican City State": "VAT",
  Brunei: "BRN",
  Syria: "SYR",
  Britain: "GBR",
  Macau: "MAC",
  Bosnia: "BIH",
  "Occupied Palestinian Territory": "PSE",
  "Palestinian Territories": "PSE",
};

/**
 * Names in everyday use for more than one country. They never resolve; an
 * error lists every country they could mean so the person can choose.
 */
export const AMBIGUOUS_COUNTRY_NAMES: Readonly<Record<string, readonly string[]>> = {
  Congo: ["COG", "COD"],
  Korea: ["KOR", "PRK"],
  "Virgin Islands": ["VGB", "VIR"],
};
