/**
 * The few XML helpers the OOXML reader and the package editor share. Both scan the parts
 * with regular expressions rather than a DOM: a sheet of 20,000 rows is read in one pass,
 * and the editor can change one attribute while leaving every other byte of a part as it was.
 * Runs in Node and in the browser.
 */

/** The attributes of a start tag's attribute text, by their qualified names. */
export function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = m[2] ?? m[3];
  return out;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities, then OOXML's _xHHHH_ escapes for characters XML cannot carry. */
export function decode(s: string): string {
  // XML end-of-line handling: a parser sees CR LF and lone CR as LF (escaped CRs survive below).
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') >= 0) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ENTITY[e] ?? all;
    });
  }
  if (s.indexOf('_x') >= 0) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_all, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/**
 * Text as XML character data or an attribute value. Characters XML 1.0 cannot carry (control
 * characters a user may have typed) become OOXML's _xHHHH_ escapes, as Excel writes them; a
 * literal "_x0041_" in the text has its underscore escaped so it reads back as typed.
 */
export function escapeXml(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The namespace prefix (with its colon, or '') an element is written with, e.g. 'x:' for <x:worksheet>. */
export function prefixOf(xml: string, localName: string): string {
  const m = new RegExp(`<(\\w+:)?${localName}\\b`).exec(xml);
  return m?.[1] ?? '';
}
