import { expect, test } from 'vitest'
import { fragment, htmlAttr, htmlText, scriptJson, scriptSource } from '../../../../src/report/html/escape.ts'

test('text and attributes are escaped, ANSI codes dropped', () => {
  expect(htmlText('\x1b[31m<b>&</b>\x1b[39m')).toBe('&lt;b&gt;&amp;&lt;/b&gt;')
  expect(htmlAttr(`"it's"`)).toBe('&quot;it&#39;s&quot;')
})

test('JSON in a script element cannot close it, and parses back to the same value', () => {
  const value = { s: '</script><!-- \u2028', n: 10n }
  const json = scriptJson(value)
  expect(json).not.toMatch(/[<>&\u2028]/)
  expect(JSON.parse(json)).toEqual({ s: '</script><!-- \u2028', n: '10' })
  expect(scriptSource('a="</script>";b="<!--"')).toBe('a="<\\/script>";b="<\\!--"')
})

test('event ids become URL fragments', () => {
  expect(fragment('o 1/#x')).toBe('o%201%2F%23x')
})
