import { stripAnsi } from '../ansi.ts'

/** Escapes element text (ANSI codes removed). */
export function htmlText(s: string): string {
  return stripAnsi(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Escapes a double-quoted attribute value. */
export function htmlAttr(s: string): string {
  return htmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>`, `&` and the JS line
 * separators as \u escapes, so no `</script>` or `<!--` can end or bend the element; bigint as text.
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null'
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** A script body (a library's source) that cannot close its own `<script>` element. */
export function scriptSource(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--')
}

/** An element id / URL fragment part for an event id: `#ev-` + this. */
export function fragment(id: string): string {
  return encodeURIComponent(id)
}
