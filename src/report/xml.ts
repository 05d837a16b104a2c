import { stripAnsi } from './ansi.ts'

/**
 * Characters XML 1.0 does not allow (C0 controls other than tab, LF and CR; lone surrogates;
 * U+FFFE/U+FFFF) plus DEL and C1 controls, which CI parsers often reject.
 */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text that is safe anywhere in XML: ANSI codes and forbidden characters removed. */
export function xmlClean(s: string): string {
  return stripAnsi(s).replace(NOT_XML, '')
}

/** Escapes element text. */
export function xmlText(s: string): string {
  return xmlClean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Escapes an attribute value (double-quoted); line breaks and tabs are kept as character references. */
export function xmlAttr(s: string): string {
  return xmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;')
}

/** `<name a="1" b="x">`, attributes escaped, undefined ones left out. */
export function openTag(name: string, attrs: Record<string, string | number | undefined>, selfClose = false): string {
  const parts = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
  return `<${name}${parts.join('')}${selfClose ? '/>' : '>'}`
}
