/**
 * Text from services and config (Plex titles, playlist names, error pages) is shown to people. A newline or a
 * carriage return in it could forge a whole log line ("EPLEXAUTH …"), an escape sequence could repaint the
 * terminal, a bidi override could reverse what is read. Human output shows such characters escaped, visibly.
 * (JSON output needs nothing: JSON escapes them.)
 */
// C0 controls but tab, DEL, C1 controls, line/paragraph separators, bidi embeddings/overrides/isolates.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function neutraliseControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return `\\u{${c.codePointAt(0)!.toString(16)}}`;
  });
}
