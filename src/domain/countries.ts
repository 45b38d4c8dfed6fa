/**
 * ISO 3166-1 alpha-2 country codes, with English names from the runtime's CLDR data.
 * XK (Kosovo) is not formally assigned by ISO but is the code every registry and
 * agency directory uses for it, so Writ accepts it.
 */
const CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

export const COUNTRY_CODES: ReadonlySet<string> = new Set(CODES);

/**
 * The 27 member states of the European Union. Denmark is one, but is not bound by Regulation (EU)
 * 2023/1543 (Protocol 22): the e-Evidence pack refuses its orders, not this list.
 */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** True for an upper-case ISO 3166-1 alpha-2 code Writ knows. */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

/** English short name of a country, e.g. "DE" → "Germany". */
export function countryName(code: string): string {
  return names.of(code) ?? code;
}

/** ISO 3166-2 subdivision, e.g. "US-CA". Only the shape is checked: the list changes yearly. */
export function isSubdivisionCode(country: string, code: string): boolean {
  return code.startsWith(`${country}-`) && SUBDIVISION_SUFFIX.test(code.slice(country.length + 1));
}

// One pattern for every country (checked on each intake), not a new RegExp per call.
const SUBDIVISION_SUFFIX = /^[A-Z0-9]{1,3}$/;
