/** CSV (RFC 4180) lines: fields quoted when they need it, CRLF line ends. */

function field(v: string | number): string {
  const s = String(v);
  // A leading =, +, - or @ would be read as a formula by spreadsheets: quote and prefix it.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV text of a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
