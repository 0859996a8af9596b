const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Text made safe to put into an HTML string (chart tooltips and other markup built outside
 * React): `&`, `<`, `>`, quotes and backticks become entities, so a name such as
 * `<img src=x onerror=alert(1)>` is shown, never run.
 */
export function escapeHtml(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}
