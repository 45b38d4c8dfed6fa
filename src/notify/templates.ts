/**
 * The message templates, read from the template folder (WRIT_TEMPLATE_DIR, or the ones shipped in
 * `templates/`) once at start and checked then, so that a bad edit stops the worker at start
 * rather than a notice at night. Each message has `<name>.txt` (its first line may be
 * "Subject: …") and may have `<name>.html`.
 *
 * Messages to customers may also be written in other languages: a subfolder named by a language
 * tag (`de/`, `fr/`) holds its own copies of any of CUSTOMER_TEMPLATE_NAMES and a `labels.json`
 * (the words the code puts into them: instruments, data categories, step headlines). A customer
 * whose language has a template gets it; any other gets English.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileTemplate, TemplateError, type Template } from './template.ts';

export const TEMPLATE_NAMES = [
  'notice',
  'redirect-letter',
  'webhook-disabled',
  'staff-alert',
  'mail-received',
  'mail-registered',
  'deadline-reminder',
  'preservation-reminder',
  'challenge-draft',
  'follow-up-due',
  'customer-update',
  'agency-message',
  'clarification-request',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The messages a customer reads, which a language folder may translate. */
export const CUSTOMER_TEMPLATE_NAMES = ['notice', 'customer-update'] as const;

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** One message, rendered. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string | null;
}

export interface MessageTemplates {
  /** Render `name`, in `language` where a template exists for it (English otherwise). */
  render(name: TemplateName, data: object, language?: string): RenderedMessage;
  /** The language `name` is rendered in for a customer of `language`: itself, or "en". */
  languageOf(name: TemplateName, language: string): string;
  /** The words of `language` (labels.json), over the English ones; a key missing in both is itself. */
  label(language: string, key: string): string;
}

type Loaded = { subject: Template | null; text: Template; html: Template | null };

function loadOne(dir: string, name: string, problems: string[], label = name): Loaded | null {
  const txtFile = path.join(dir, `${name}.txt`);
  const htmlFile = path.join(dir, `${name}.html`);
  if (!existsSync(txtFile)) {
    problems.push(`${label}.txt is missing`);
    return null;
  }
  try {
    const raw = readFileSync(txtFile, 'utf8').replace(/\r\n/g, '\n');
    const m = /^Subject:[ \t]*(.*)\n\n?/.exec(raw);
    return {
      subject: m ? compileTemplate(m[1]!, `${label}.txt (subject)`) : null,
      text: compileTemplate(m ? raw.slice(m[0].length) : raw, `${label}.txt`),
      html: existsSync(htmlFile) ? compileTemplate(readFileSync(htmlFile, 'utf8'), `${label}.html`, true) : null,
    };
  } catch (e) {
    problems.push(e instanceof TemplateError ? e.message : `${label}: ${(e as Error).message}`);
    return null;
  }
}

function loadLabels(file: string, problems: string[]): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!v || typeof v !== 'object' || Object.values(v).some((x) => typeof x !== 'string'))
      throw new Error('must be an object of strings');
    return v as Record<string, string>;
  } catch (e) {
    problems.push(`${file}: ${(e as Error).message}`);
    return {};
  }
}

/** Load and check every template in `dir`; throws naming each file that is missing or broken. */
export function loadTemplates(dir: string): MessageTemplates {
  const loaded = new Map<string, Loaded>();
  const problems: string[] = [];
  for (const name of TEMPLATE_NAMES) {
    const t = loadOne(dir, name, problems);
    if (t) loaded.set(name, t);
  }
  const labels = new Map<string, Record<string, string>>([['en', loadLabels(path.join(dir, 'labels.json'), problems)]]);
  for (const lang of readdirSync(dir)) {
    if (!LANGUAGE_TAG.test(lang) || !statSync(path.join(dir, lang)).isDirectory()) continue;
    labels.set(lang, loadLabels(path.join(dir, lang, 'labels.json'), problems));
    for (const name of CUSTOMER_TEMPLATE_NAMES) {
      if (!existsSync(path.join(dir, lang, `${name}.txt`))) continue;
      const t = loadOne(path.join(dir, lang), name, problems, `${lang}/${name}`);
      if (t) loaded.set(`${lang}/${name}`, t);
    }
  }
  if (problems.length) throw new TemplateError(`templates in ${dir}: ${problems.join('; ')}`);
  const languageOf = (name: TemplateName, language: string) => {
    if (loaded.has(`${language}/${name}`)) return language;
    const base = language.split('-')[0]!;
    return loaded.has(`${base}/${name}`) ? base : 'en';
  };
  return {
    languageOf,
    render(name, data, language = 'en') {
      const lang = languageOf(name, language);
      const t = loaded.get(lang === 'en' ? name : `${lang}/${name}`)!;
      return {
        subject: t.subject ? t.subject.render(data).trim() : '',
        text: t.text.render(data),
        html: t.html ? t.html.render(data) : null,
      };
    },
    label(language, key) {
      return (
        labels.get(language)?.[key] ?? labels.get(language.split('-')[0]!)?.[key] ?? labels.get('en')?.[key] ?? key
      );
    },
  };
}
