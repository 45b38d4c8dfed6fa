/**
 * A tiny template syntax for the message files operators edit, so that no template engine has to
 * be trusted with legal notices:
 *
 *   {{name}}  {{a.b}}        a value (HTML-escaped in .html templates)
 *   {{#list}}…{{/list}}      repeated for each item of a list, once for a true value or an
 *                            object (whose fields are then in scope), skipped for false, empty or none
 *   {{^name}}…{{/name}}      only when the value is false, empty or none
 *   {{.}}                    the current item of a list of plain values
 *   {{! a comment }}         dropped
 *
 * A name the data does not have is an error, not a blank: a notice must not go out with a hole.
 * A value that ends with a full stop ("Aldergrove Logistics Inc.") swallows the full stop the
 * template puts after it, so that a sentence never ends "Inc..".
 */

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

type Node =
  | { t: 'text'; v: string }
  | { t: 'var'; name: string }
  | { t: 'section'; name: string; inverted: boolean; body: Node[] };

/** A parsed template, ready to render many times. */
export interface Template {
  render(data: object): string;
}

const TAG = /\{\{\s*([#^/!]?)\s*([^}]*?)\s*\}\}/g;

/** Parse `source`; `name` is used in error messages, `html` switches on escaping. */
export function compileTemplate(source: string, name: string, html = false): Template {
  // A section or comment tag alone on its line leaves no blank line behind.
  source = source.replace(/^[ \t]*(\{\{\s*[#^/!][^}]*\}\})[ \t]*\r?\n/gm, '$1');
  const root: Node[] = [];
  const stack: { name: string; body: Node[] }[] = [{ name: '', body: root }];
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    const top = stack[stack.length - 1]!;
    if (m.index! > last) top.body.push({ t: 'text', v: source.slice(last, m.index) });
    last = m.index! + m[0].length;
    const [, sigil, rawName] = m;
    const tag = rawName!;
    if (sigil === '!') continue;
    if (sigil !== '!' && !/^(\.|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)$/.test(tag)) {
      throw new TemplateError(`${name}: "{{${sigil}${tag}}}" is not a placeholder (letters, digits, _ and dots)`);
    }
    if (sigil === '#' || sigil === '^') {
      const body: Node[] = [];
      top.body.push({ t: 'section', name: tag, inverted: sigil === '^', body });
      stack.push({ name: tag, body });
    } else if (sigil === '/') {
      if (stack.length === 1 || top.name !== tag)
        throw new TemplateError(`${name}: {{/${tag}}} closes ${stack.length === 1 ? 'nothing' : `{{#${top.name}}}`}`);
      stack.pop();
    } else {
      top.body.push({ t: 'var', name: tag });
    }
  }
  if (stack.length > 1) throw new TemplateError(`${name}: {{#${stack[stack.length - 1]!.name}}} is never closed`);
  if (last < source.length) root.push({ t: 'text', v: source.slice(last) });

  const escapeText = (s: string) =>
    html
      ? s
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;')
      : s;

  function lookup(scopes: unknown[], path: string): unknown {
    if (path === '.') return scopes[scopes.length - 1];
    const [head, ...rest] = path.split('.');
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = scopes[i];
      if (s !== null && typeof s === 'object' && Object.hasOwn(s, head!)) {
        let v: unknown = (s as Record<string, unknown>)[head!];
        for (const p of rest) {
          if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p))
            throw new TemplateError(`${name}: the data has no "${path}"`);
          v = (v as Record<string, unknown>)[p];
        }
        return v;
      }
    }
    throw new TemplateError(`${name}: the data has no "${path}"`);
  }

  const empty = (v: unknown) =>
    v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);

  // Whether the last thing written was a value ending in ".", across sections.
  let dotted = false;
  function run(nodes: Node[], scopes: unknown[]): string {
    let out = '';
    for (const n of nodes) {
      if (n.t === 'text') {
        // (In HTML the full stop may follow the closing tags of the value's markup: "Inc.</strong>.")
        out += dotted ? n.v.replace(/^((?:<\/[a-z0-9]+>)*)\.(?!\.)/i, '$1') : n.v;
        dotted = false;
      } else if (n.t === 'var') {
        const v = lookup(scopes, n.name);
        if (v !== null && typeof v === 'object')
          throw new TemplateError(
            `${name}: "${n.name}" is a list or record, not a value; use {{#${n.name}}}…{{/${n.name}}}`,
          );
        const text = v === null || v === undefined ? '' : String(v);
        out += escapeText(text);
        dotted = text.endsWith('.');
      } else {
        const v = lookup(scopes, n.name);
        if (n.inverted) {
          if (empty(v)) out += run(n.body, scopes);
        } else if (Array.isArray(v)) {
          for (const item of v) out += run(n.body, [...scopes, item]);
        } else if (!empty(v)) {
          out += run(n.body, typeof v === 'object' ? [...scopes, v] : scopes);
        }
      }
    }
    return out;
  }

  return {
    render: (data) => {
      dotted = false;
      return run(root, [data]);
    },
  };
}
