/** Web addresses inside a location or description cell ('见 http://…/a.html；栏目：…'). */

const URL_PATTERN =
  /\b(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'*+=%]+|\b(?:[a-z0-9-]+\.)+(?:gov\.cn|com\.cn|com|cn|net|org)(?:\/[A-Za-z0-9\-._~:/?#[\]@!$&'*+=%]*)?/gi;

/** Trailing characters that end a sentence rather than an address. */
const TRAILING = /[.,;:!?)\]'"]+$/;

/**
 * Every distinct web address in the text, in order, as absolute http(s) URLs: full-width
 * punctuation folded first, an address without a scheme gets 'http://', trailing punctuation is
 * dropped.
 */
export function extractUrls(text: string): string[] {
  if (text === '') return [];
  // Full-width ASCII (common when typed with a Chinese input method) to half-width; Chinese
  // punctuation becomes a space so that it ends an address.
  const folded = text
    .replace(/[；，。、（）【】！？《》]/g, ' ')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000-\u303F\u2018-\u201D\u2026]/g, ' ');
  const seen = new Set<string>();
  const urls: string[] = [];
  for (const match of folded.matchAll(URL_PATTERN)) {
    // The domain of an e-mail address is not a page.
    if (match.index > 0 && folded[match.index - 1] === '@') continue;
    let url = match[0].replace(TRAILING, '');
    if (!/^https?:\/\//i.test(url)) url = `http://${url}`;
    if (url.length > 2000) continue;
    try {
      const parsed = new URL(url);
      if (!parsed.hostname.includes('.')) continue;
    } catch {
      continue;
    }
    if (!seen.has(url)) {
      seen.add(url);
      urls.push(url);
    }
  }
  return urls;
}
