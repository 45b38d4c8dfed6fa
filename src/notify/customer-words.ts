/**
 * The words and formats of one customer's language: dates and numbers through Intl in that
 * locale, and the labels (instruments, data categories, steps) from the template folder's
 * `labels.json` for that language, over the English vocabulary.
 */
import { DATA_CATEGORY_LABELS, DISPOSITION_LABELS, INSTRUMENT_LABELS } from '../domain/vocabulary.ts';
import type { MessageTemplates, TemplateName } from './templates.ts';

export interface Words {
  /** The language the message is written in (the customer's, where a template exists; else "en"). */
  language: string;
  /** "4. Dezember 2026 um 09:00 UTC"; null stays null. */
  time(iso: string | Date | null): string | null;
  /** "4. Dezember 2026". */
  day(iso: string | Date | null): string | null;
  number(n: number): string;
  label(key: string): string;
}

const ENGLISH: Record<string, string> = {
  ...Object.fromEntries(Object.entries(INSTRUMENT_LABELS).map(([k, v]) => [`instrument.${k}`, v])),
  ...Object.fromEntries(Object.entries(DATA_CATEGORY_LABELS).map(([k, v]) => [`category.${k}`, v])),
  ...Object.fromEntries(Object.entries(DISPOSITION_LABELS).map(([k, v]) => [`disposition.${k}`, v])),
};

const formats = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat; number: Intl.NumberFormat }>();

function formatsFor(locale: string) {
  let f = formats.get(locale);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
      day: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      number: new Intl.NumberFormat(locale),
    };
    formats.set(locale, f);
  }
  return f;
}

/** The words for a customer of `language`, for message `name`. */
export function wordsFor(templates: MessageTemplates, name: TemplateName, language: string): Words {
  const lang = templates.languageOf(name, language);
  // English messages read dates the British way ("4 December 2026"), unambiguous on both sides.
  const f = formatsFor(lang === 'en' ? 'en-GB' : lang);
  return {
    language: lang,
    time: (iso) => (iso === null ? null : `${f.time.format(new Date(iso))} UTC`),
    day: (iso) => (iso === null ? null : f.day.format(new Date(iso))),
    number: (n) => f.number.format(n),
    label(key) {
      const own = templates.label(lang, key);
      return own !== key ? own : (ENGLISH[key] ?? key);
    },
  };
}
