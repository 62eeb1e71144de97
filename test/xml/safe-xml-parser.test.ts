import { expect } from 'chai';
import { DomainError } from '../../src/kernel/errors/domain-error.js';
import { parseUntrustedXml } from '../../src/xml/safe-xml-parser.js';

const limits = { maxDepth: 6, maxElements: 50 };

function failure(xml: string): DomainError {
  try {
    parseUntrustedXml(xml, limits);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('parsing succeeded');
}

describe('parseUntrustedXml', () => {
  it('returns the root name, its namespace and its content as strings', () => {
    const parsed = parseUntrustedXml(
      '<?xml version="1.0"?><sw:receipt xmlns:sw="urn:single-window:receipt:v1"><sw:status>ACCEPTED</sw:status><sw:count>3</sw:count></sw:receipt>',
      limits,
    );
    expect(parsed).to.deep.equal({
      root: 'receipt',
      namespace: 'urn:single-window:receipt:v1',
      content: { status: 'ACCEPTED', count: '3', '@_xmlns:sw': 'urn:single-window:receipt:v1' },
    });
  });

  it('decodes the predefined entities and character references', () => {
    const parsed = parseUntrustedXml('<note><text>Smith &amp; Sons &lt;Ltd&gt; &#233;&#x1F6A2;</text></note>', limits);
    expect(parsed.content).to.deep.equal({ text: 'Smith & Sons <Ltd> é🚢' });
  });

  it('keeps leading and trailing spaces of text', () => {
    expect(parseUntrustedXml('<note><text>  indented </text></note>', limits).content).to.deep.equal({ text: '  indented ' });
  });

  it('refuses a DOCTYPE before parsing', () => {
    expect(failure('<!DOCTYPE note [<!ENTITY a "b">]><note>&a;</note>')).to.include({ code: 'XML.DOCTYPE_FORBIDDEN', kind: 'malformed' });
  });

  it('refuses nesting deeper than the limit (the root is depth 1)', () => {
    expect(() => parseUntrustedXml('<a><b><c><d><e><f>6</f></e></d></c></b></a>', limits)).not.to.throw();
    expect(failure('<a><b><c><d><e><f><g>7</g></f></e></d></c></b></a>')).to.include({ code: 'XML.TOO_DEEP' });
  });

  it('refuses more elements than the limit', () => {
    expect(failure(`<a>${'<b/>'.repeat(50)}</a>`)).to.include({ code: 'XML.TOO_MANY_ELEMENTS' });
  });

  for (const name of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty']) {
    it(`refuses an element named ${name}`, () => {
      expect(failure(`<a><${name}>x</${name}></a>`)).to.include({ code: 'XML.FORBIDDEN_NAME' });
    });
  }

  it('refuses an attribute named __proto__', () => {
    expect(failure('<a __proto__="x"/>')).to.include({ code: 'XML.FORBIDDEN_NAME' });
  });

  it('reports where a document stops being well-formed', () => {
    const error = failure('<a>\n  <b>\n</a>');
    expect(error).to.include({ code: 'XML.MALFORMED' });
    expect(error.details).to.include({ line: 3 });
  });

  it('refuses two root elements and text outside the root', () => {
    expect(failure('<a/><b/>')).to.include({ code: 'XML.MALFORMED' });
    expect(failure('<a/>trailing')).to.include({ code: 'XML.MALFORMED' });
  });

  it('refuses an undeclared entity and a reference to a character XML forbids', () => {
    expect(failure('<a>&nbsp;</a>')).to.include({ code: 'XML.MALFORMED' });
    expect(failure('<a>&#1;</a>')).to.include({ code: 'XML.MALFORMED' });
  });

  it('reads CDATA as written, without decoding references in it', () => {
    expect(parseUntrustedXml('<a><b>x <![CDATA[&amp; <c/>]]> y &amp;</b></a>', limits).content).to.deep.equal({ b: 'x &amp; <c/> y &' });
  });

  it('gives repeated elements as an array, text beside elements as #text and attributes after them', () => {
    const parsed = parseUntrustedXml('<a k="1"><b>1</b> t <c/><b>2</b><d e="&lt;"/></a>', limits);
    expect(parsed).to.deep.equal({
      root: 'a',
      namespace: undefined,
      content: { b: ['1', '2'], c: '', d: { '@_e': '<' }, '#text': ' t ', '@_k': '1' },
    });
  });

  it('refuses prototype-reaching names behind a namespace prefix', () => {
    expect(failure('<a xmlns:p="urn:p"><p:__proto__>x</p:__proto__></a>')).to.include({ code: 'XML.FORBIDDEN_NAME' });
    expect(failure('<a xmlns:p="urn:p"><p:toString>x</p:toString></a>')).to.include({ code: 'XML.FORBIDDEN_NAME' });
    expect(failure('<a xmlns:p="urn:p" p:constructor="x"/>')).to.include({ code: 'XML.FORBIDDEN_NAME' });
  });

  it('refuses an entity named like an Object member rather than decoding it to the member', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      expect(failure(`<a>&${name};</a>`)).to.include({ code: 'XML.MALFORMED' });
    }
  });

  it('counts a self-closing element towards the depth', () => {
    expect(failure('<a><b><c><d><e><f><g/></f></e></d></c></b></a>')).to.include({ code: 'XML.TOO_DEEP' });
  });

  describe('refuses XML that is not well-formed, saying where', () => {
    const malformed: [string, string, { line: number; column: number }][] = [
      ['a closing tag that does not match', '<a>\n  <b></c>\n</a>', { line: 2, column: 6 }],
      ['closing tags in the wrong order', '<a><b><c></b></c></a>', { line: 1, column: 10 }],
      ['a closing tag whose name only starts like the open one', '<a><bc></b></bc></a>', { line: 1, column: 8 }],
      ['a closing tag nothing opened', '<a></a></b>', { line: 1, column: 8 }],
      ['an element left open', '<a>\n<b>text</b>\n<c>', { line: 3, column: 1 }],
      ['text before the root element', 'x<a/>', { line: 1, column: 1 }],
      ['text after the root element', '<a/>\n  trailing', { line: 2, column: 3 }],
      ['a second root element', '<a/>\n<b/>', { line: 2, column: 1 }],
      ['no element at all', '<!-- nothing -->', { line: 1, column: 1 }],
      ['an ampersand that starts no reference', '<a>Smith & Sons</a>', { line: 1, column: 10 }],
      ['a character reference too long to be one', '<a>&#12345678;</a>', { line: 1, column: 4 }],
      ['an undeclared entity', '<a>\n&nbsp;</a>', { line: 2, column: 1 }],
      ['a < inside an attribute value', '<a b="1<2"/>', { line: 1, column: 8 }],
      ['a repeated attribute', '<a b="1" b="2"/>', { line: 1, column: 10 }],
      ['an attribute without a value', '<a b/>', { line: 1, column: 5 }],
      ['an unquoted attribute value', '<a b=1/>', { line: 1, column: 6 }],
      ['attributes not separated by whitespace', '<a b="1"c="2"/>', { line: 1, column: 9 }],
      ['an attribute value left open', '<a b="1/>', { line: 1, column: 6 }],
      ['a tag left open at the end', '<a><b', { line: 1, column: 4 }],
      ['a tag name that is no XML name', '<a><1b/></a>', { line: 1, column: 5 }],
      ['a closing tag with attributes', '<a></a b="1">', { line: 1, column: 4 }],
      ['an XML declaration not at the start', ' <?xml version="1.0"?><a/>', { line: 1, column: 2 }],
      ['an XML declaration that is not one', '<?xml version="1.0" foo="bar"?><a/>', { line: 1, column: 1 }],
      ['a processing instruction with a quote left open', '<a><?pi "?><b/><?pi "?></a>', { line: 1, column: 9 }],
      ['a markup declaration other than DOCTYPE', '<a><!ELEMENT a ANY></a>', { line: 1, column: 4 }],
      ['CDATA outside the root element', '<![CDATA[x]]><a/>', { line: 1, column: 1 }],
      ['a comment left open', '<a><!-- x </a>', { line: 1, column: 4 }],
    ];
    for (const [what, xml, where] of malformed) {
      it(what, () => {
        const error = failure(xml);
        expect(error).to.include({ code: 'XML.MALFORMED', kind: 'malformed' });
        expect(error.details).to.deep.equal(where);
      });
    }
  });

  it('refuses names holding a character fast-xml-parser would split them at, and accepts combining marks', () => {
    expect(failure('<a><b\uFEFFc/></a>')).to.include({ code: 'XML.MALFORMED' });
    expect(failure('<a xmlns:p="urn:p"><p:__proto__\u1680x/></a>')).to.include({ code: 'XML.MALFORMED' });
    expect(parseUntrustedXml('<a><e\u0301t\u00E9>1</e\u0301t\u00E9></a>', limits).content).to.deep.equal({ 'e\u0301t\u00E9': '1' });
  });

  it('accepts what well-formed XML may hold around and inside the root', () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><?pi x="1"?>\n<a>\n  <b c=\'x > "y"\' >1</b ><d/>\n  <?pi ?><!-- d -->\n</a>\n<!-- e -->\n';
    expect(parseUntrustedXml(xml, limits).content).to.deep.equal({ b: { '#text': '1', '@_c': 'x > "y"' }, d: '', '#text': '\n  \n  \n' });
  });
});
