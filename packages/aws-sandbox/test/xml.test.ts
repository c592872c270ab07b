import { describe, expect, it } from 'vitest'
import { readXmlRoot, XmlReadError, xmlAll, xmlText } from '../src/xml/xml-reader.js'
import { element, xmlDocument } from '../src/xml/xml-writer.js'

describe('XML writer', () => {
  it('escapes text so a value cannot close or open elements', () => {
    const xml = element('Name', `</Name><Evil a="1">'&`).xml
    expect(xml).toBe('<Name>&lt;/Name&gt;&lt;Evil a=&quot;1&quot;&gt;&apos;&amp;</Name>')
  })

  it('drops absent members and replaces characters XML cannot carry', () => {
    const xml = element('R', [
      element('A', undefined),
      element('B', 'x\u0001y\r\n'),
      element('C', 3),
      element('D', false),
    ]).xml
    expect(xml).toBe('<R><B>x\uFFFDy&#13;\n</B><C>3</C><D>false</D></R>')
  })

  it('round-trips through the reader, attributes escaped', () => {
    const doc = xmlDocument(element('Root', [element('Item', 'a & b'), element('Item', '<c>')], { xmlns: 'urn:"x"' }))
    const root = readXmlRoot(doc, 'Root')
    expect(xmlAll(root, 'Item')).toEqual(['a & b', '<c>'])
  })
})

describe('XML reader', () => {
  it('refuses document type declarations, malformed XML and an unexpected root', () => {
    expect(() => readXmlRoot('<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>', 'r')).toThrow(XmlReadError)
    expect(() => readXmlRoot('<r><a></r>', 'r')).toThrow(/Invalid XML/)
    expect(() => readXmlRoot('<other/>', 'r')).toThrow(/Expected root element r/)
  })

  it('reads text, including values that look like numbers, as strings', () => {
    const root = readXmlRoot('<r xmlns="urn:x"><TTL>0300</TTL><Empty/></r>', 'r')
    expect(xmlText(root, 'TTL')).toBe('0300')
    expect(xmlText(root, 'Empty')).toBe('')
    expect(xmlText(root, 'Missing')).toBeUndefined()
  })
})
