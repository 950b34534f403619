/** XML as plex.tv writes it: attributes only, escaped; no shared code with the clients under test. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export type XmlAttrs = Record<string, string | number | boolean | undefined>;

export function element(name: string, attrs: XmlAttrs, children: string[] = []): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}"`)
    .join('');
  return children.length === 0 ? `<${name}${a}/>` : `<${name}${a}>\n${children.join('\n')}\n</${name}>`;
}

export function document(root: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
