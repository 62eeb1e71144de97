import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { SchemaCatalog } from '../../src/catalog/schema-catalog.js';
import type { DocumentType } from '../../src/kernel/document-record.js';
import { DomainError } from '../../src/kernel/errors/domain-error.js';
import { projectRoot } from '../../src/platform/project-root.js';
import { DocumentXmlCodec } from '../../src/xml/document-xml-codec.js';
import { buildDeclaration } from '../../scripts/fixtures/large-declaration.js';

const codec = new DocumentXmlCodec(SchemaCatalog.load(), { maxDepth: 32, maxElements: 100_000 });
const fixtures = path.join(projectRoot, 'test/fixtures/documents/valid');

function fixture(name: string, extension: 'json' | 'xml'): string {
  return readFileSync(path.join(fixtures, `${name}.${extension}`), 'utf8');
}

const VALID: [string, DocumentType][] = [
  ['customs-declaration-import', 'customs-declaration'],
  ['customs-declaration-export', 'customs-declaration'],
  ['customs-declaration-1000-items', 'customs-declaration'],
  ['certificate-of-origin', 'certificate-of-origin'],
  ['phytosanitary-certificate', 'phytosanitary-certificate'],
  ['licence-application', 'licence-application'],
];

/** The issues of a 422 from read(), as `code xmlPath pointer`. */
function issuesOf(xml: string): string[] {
  try {
    codec.read(xml);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'VALIDATION.FAILED') throw error;
    return (error.details.errors as { code: string; xmlPath: string; pointer: string }[]).map(
      (issue) => `${issue.code} ${issue.xmlPath} ${issue.pointer}`,
    );
  }
  throw new Error('reading succeeded');
}

describe('DocumentXmlCodec', () => {
  for (const [name, type] of VALID) {
    it(`reads ${name}.xml as its JSON twin, member order included`, () => {
      expect(JSON.stringify(codec.decode(type, fixture(name, 'xml')))).to.equal(JSON.stringify(JSON.parse(fixture(name, 'json'))));
    });

    it(`round-trips ${name} JSON -> XML -> JSON without loss, plain and pretty`, () => {
      const data = JSON.parse(fixture(name, 'json')) as Record<string, unknown>;
      expect(JSON.stringify(codec.decode(type, codec.encode(type, data)))).to.equal(JSON.stringify(data));
      expect(JSON.stringify(codec.decode(type, codec.encode(type, data, { pretty: true })))).to.equal(JSON.stringify(data));
    });
  }

  it('round-trips a generated declaration and text XML would otherwise change', () => {
    const data = buildDeclaration(50) as { remarks?: string; goodsItems: { description: string }[] };
    data.goodsItems[0]!.description = ' <Smith & Sons> "quoted" \'apostrophe\'\r\nline two\r \ttab 🚢 ';
    const xml = codec.encode('customs-declaration', data);
    expect(JSON.stringify(codec.decode('customs-declaration', xml))).to.equal(JSON.stringify(data));
  });

  it('reports what only XML can get wrong with the JSON pointer and XML path, in document order', () => {
    const xml = fixture('licence-application', 'xml')
      .replace('<applicant>', '<applicant priority="high">')
      .replace('<issuingAgency>MOIT</issuingAgency>', '<issuingAgency>MOIT</issuingAgency><issuingAgency>MOST</issuingAgency>')
      .replace('<goods>', '<goods>urgent')
      .replace('<supportingDocuments>\n    <supportingDocument>', '<supportingDocuments>\n    <document>')
      .replace('</supportingDocument>\n    <supportingDocument>', '</document>\n    <supportingDocument>');
    expect(issuesOf(xml)).to.deep.equal([
      'XML.REPEATED_ELEMENT /licence-application/issuingAgency /issuingAgency',
      'XML.ATTRIBUTE_NOT_ALLOWED /licence-application/applicant/@priority /applicant',
      'XML.UNEXPECTED_TEXT /licence-application/goods /goods',
      'XML.UNEXPECTED_ELEMENT /licence-application/supportingDocuments/document /supportingDocuments',
    ]);
  });

  it('reports an attribute on a leaf and on an array item at the item path', () => {
    const xml = fixture('customs-declaration-import', 'xml')
      .replace('<hsCode>', '<hsCode source="manual">')
      .replace(/(<goodsItem>[\s\S]*?<\/goodsItem>\s*)<goodsItem>/, '$1<goodsItem lot="2">');
    expect(issuesOf(xml)).to.deep.equal([
      'XML.ATTRIBUTE_NOT_ALLOWED /customs-declaration/goodsItems/goodsItem[1]/hsCode/@source /goodsItems/0/hsCode',
      'XML.ATTRIBUTE_NOT_ALLOWED /customs-declaration/goodsItems/goodsItem[2]/@lot /goodsItems/1',
    ]);
  });

  it('keeps elements the schema does not expect as read, for the validator to name', () => {
    const data = codec.decode(
      'licence-application',
      fixture('licence-application', 'xml').replace('<purpose>', '<purpose><note>a</note><note><b>c</b></note><extra k="v">t</extra>'),
    ) as { purpose: Record<string, unknown> };
    expect(data.purpose.note).to.deep.equal(['a', { b: 'c' }]);
    expect(data.purpose.extra).to.deep.equal({ '#text': 't', '@_k': 'v' });
  });

  it('reads empty elements as "", {} or [] by their shape and keeps a leaf with children as an object', () => {
    const data = codec.decode(
      'customs-declaration',
      fixture('customs-declaration-import', 'xml')
        .replace(/<declarant>[\s\S]*?<\/declarant>/, '<declarant/>')
        .replace(/<goodsItems>[\s\S]*?<\/goodsItems>/, '<goodsItems>\n  </goodsItems>')
        .replace(/<procedureCode>[^<]*<\/procedureCode>/, '<procedureCode><x>1</x></procedureCode>')
        .replace(/<exchangeRate>[^<]*<\/exchangeRate>/, '<exchangeRate> 25460 </exchangeRate>'),
    );
    expect(data).to.deep.include({ declarant: {}, goodsItems: [], procedureCode: { x: '1' }, exchangeRate: 25460 });
  });
});
