/**
 * The message templates, read from the template folder (WRIT_TEMPLATE_DIR, or the ones shipped in
 * `templates/`) once at start and checked then, so that a bad edit stops the worker at start
 * rather than a notice at night. Each message has `<name>.txt` (its first line may be
 * "Subject: …") and may have `<name>.html`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileTemplate, TemplateError, type Template } from './template.ts';

export const TEMPLATE_NAMES = [
  'notice',
  'redirect-letter',
  'webhook-disabled',
  'staff-alert',
  'deadline-reminder',
  'preservation-reminder',
  'challenge-draft',
  'follow-up-due',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** One message, rendered. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string | null;
}

export interface MessageTemplates {
  render(name: TemplateName, data: object): RenderedMessage;
}

/** Load and check every template in `dir`; throws naming each file that is missing or broken. */
export function loadTemplates(dir: string): MessageTemplates {
  const loaded = new Map<TemplateName, { subject: Template | null; text: Template; html: Template | null }>();
  const problems: string[] = [];
  for (const name of TEMPLATE_NAMES) {
    const txtFile = path.join(dir, `${name}.txt`);
    const htmlFile = path.join(dir, `${name}.html`);
    if (!existsSync(txtFile)) {
      problems.push(`${name}.txt is missing`);
      continue;
    }
    try {
      const raw = readFileSync(txtFile, 'utf8').replace(/\r\n/g, '\n');
      const m = /^Subject:[ \t]*(.*)\n\n?/.exec(raw);
      loaded.set(name, {
        subject: m ? compileTemplate(m[1]!, `${name}.txt (subject)`) : null,
        text: compileTemplate(m ? raw.slice(m[0].length) : raw, `${name}.txt`),
        html: existsSync(htmlFile) ? compileTemplate(readFileSync(htmlFile, 'utf8'), `${name}.html`, true) : null,
      });
    } catch (e) {
      problems.push(e instanceof TemplateError ? e.message : `${name}: ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new TemplateError(`templates in ${dir}: ${problems.join('; ')}`);
  return {
    render(name, data) {
      const t = loaded.get(name)!;
      return {
        subject: t.subject ? t.subject.render(data).trim() : '',
        text: t.text.render(data),
        html: t.html ? t.html.render(data) : null,
      };
    },
  };
}
