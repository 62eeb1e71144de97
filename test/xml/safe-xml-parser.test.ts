import { expect } from 'chai';
import { AppError } from '../../src/platform/http/app-error.js';
import { parseUntrustedXml } from '../../src/xml/safe-xml-parser.js';

const limits = { maxDepth: 6, maxElements: 50 };

function failure(xml: string): AppError {
  try {
    parseUntrustedXml(xml, limits);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('parsing succeeded');
}

describe('parseUntrustedXml', () => {
  it('returns the root name, its namespace and its content as strings', () => {
    const parsed = parseUntrustedXml('<?xml version="1.0"?><sw:receipt xmlns:sw="urn:single-window:receipt:v1"><sw:status>ACCEPTED</sw:status><sw:count>3</sw:count></sw:receipt>', limits);
    expect(parsed).to.deep.equal({ root: 'receipt', namespace: 'urn:single-window:receipt:v1', content: { status: 'ACCEPTED', count: '3', '@_xmlns:sw': 'urn:single-window:receipt:v1' } });
  });

  it('decodes the predefined entities and character references', () => {
    const parsed = parseUntrustedXml('<note><text>Smith &amp; Sons &lt;Ltd&gt; &#233;&#x1F6A2;</text></note>', limits);
    expect(parsed.content).to.deep.equal({ text: 'Smith & Sons <Ltd> é🚢' });
  });

  it('keeps leading and trailing spaces of text', () => {
    expect(parseUntrustedXml('<note><text>  indented </text></note>', limits).content).to.deep.equal({ text: '  indented ' });
  });

  it('refuses a DOCTYPE before parsing', () => {
    expect(failure('<!DOCTYPE note [<!ENTITY a "b">]><note>&a;</note>')).to.include({ code: 'XML.DOCTYPE_FORBIDDEN', status: 400 });
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
    expect(error.extensions).to.include({ line: 3 });
  });

  it('refuses two root elements and text outside the root', () => {
    expect(failure('<a/><b/>')).to.include({ code: 'XML.MALFORMED' });
    expect(failure('<a/>trailing')).to.include({ code: 'XML.MALFORMED' });
  });

  it('refuses an undeclared entity and a reference to a character XML forbids', () => {
    expect(failure('<a>&nbsp;</a>')).to.include({ code: 'XML.MALFORMED' });
    expect(failure('<a>&#1;</a>')).to.include({ code: 'XML.MALFORMED' });
  });
});
