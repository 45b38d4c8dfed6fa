/**
 * How much an e-mail domain says about who sent a demand. Forged emergency requests come from
 * free-mail accounts, from look-alike domains one letter off a real agency's, and from hacked
 * real agency mailboxes (which is why even "verified" needs a call-back for emergencies).
 */
export type DomainClass = 'verified' | 'unknown' | 'free_mail' | 'look_alike';

const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'qq.com',
  '163.com',
  '126.com',
  'zoho.com',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'hushmail.com',
  'inbox.com',
  'orange.fr',
  'laposte.net',
  'libero.it',
  'seznam.cz',
  'rediffmail.com',
]);

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Common look-alike substitutions, folded before comparing (rn→m, 0→o, 1/l→i, vv→w). */
function fold(domain: string): string {
  return domain.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/0/g, 'o').replace(/[1l]/g, 'i');
}

/**
 * Classify the sender's domain against the agency's verified domains and every known agency
 * domain (a look-alike of any real agency is suspect, not just of the one named).
 */
export function classifyRequesterDomain(
  domain: string,
  agencyDomains: string[],
  allAgencyDomains: string[] = agencyDomains,
): DomainClass {
  const d = domain.toLowerCase();
  if (agencyDomains.some((v) => d === v || d.endsWith(`.${v}`))) return 'verified';
  if (FREE_MAIL.has(d)) return 'free_mail';
  for (const v of allAgencyDomains) {
    if (d === v || d.endsWith(`.${v}`)) continue; // a real agency, just not the one named: unknown
    if (editDistance(d, v, 1) <= 1 || fold(d) === fold(v)) return 'look_alike';
  }
  return 'unknown';
}
