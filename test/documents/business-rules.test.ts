import { expect } from 'chai';
import { startTestService } from '../support/test-service.js';
import { registerEnterprise, submitJson, submitXml } from './support/intake-client.js';
import { validJson, validXml } from './support/intake-fixtures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case reaches into the fixture by its own path
type Data = Record<string, any>;

interface RuleCase {
  rule: string;
  type: string;
  fixture: string;
  change: (data: Data) => void;
  pointer: string;
}

/** One valid fixture, one change that breaks exactly one rule. */
const CASES: RuleCase[] = [
  {
    rule: 'HS_CODE.UNKNOWN',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.goodsItems[1].hsCode = '77010000'),
    pointer: '/goodsItems/1/hsCode',
  },
  {
    rule: 'COUNTRY.UNKNOWN',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.goodsItems[0].originCountry = 'XK'),
    pointer: '/goodsItems/0/originCountry',
  },
  {
    rule: 'CURRENCY.UNKNOWN',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.invoice.currency = 'VNX'),
    pointer: '/invoice/currency',
  },
  {
    rule: 'UNIT.UNKNOWN',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.goodsItems[2].quantity.unit = 'PCS'),
    pointer: '/goodsItems/2/quantity/unit',
  },
  {
    rule: 'PACKAGE_TYPE.UNKNOWN',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.goodsItems[0].packages.kind = 'QQ'),
    pointer: '/goodsItems/0/packages/kind',
  },
  {
    rule: 'INCOTERM.UNKNOWN',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.tradeTerms.incoterm = 'DDU'),
    pointer: '/tradeTerms/incoterm',
  },
  {
    rule: 'TOTALS.ITEM_COUNT_MISMATCH',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.totals.itemCount = 4),
    pointer: '/totals/itemCount',
  },
  {
    rule: 'TOTALS.PACKAGES_MISMATCH',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.totals.packageCount = 170),
    pointer: '/totals/packageCount',
  },
  {
    rule: 'TOTALS.GROSS_MASS_MISMATCH',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.totals.grossMass = 2500),
    pointer: '/totals/grossMass',
  },
  {
    rule: 'TOTALS.INVOICE_AMOUNT_MISMATCH',
    type: 'customs-declaration',
    fixture: 'customs-declaration-export',
    change: (d) => (d.goodsItems[1].invoiceAmount = 9540),
    pointer: '/totals/invoiceAmount',
  },
  {
    rule: 'MASS.NET_EXCEEDS_GROSS',
    type: 'customs-declaration',
    fixture: 'customs-declaration-export',
    change: (d) => (d.goodsItems[1].netMass = 1250),
    pointer: '/goodsItems/1/netMass',
  },
  {
    rule: 'ITEMS.SEQUENCE',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.goodsItems[2].sequenceNumber = 4),
    pointer: '/goodsItems/2/sequenceNumber',
  },
  {
    rule: 'DATE.NOT_REAL',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.declarationDate = '2025-02-29'),
    pointer: '/declarationDate',
  },
  {
    rule: 'DATE.ORDER',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.transport.arrival.date = '2025-03-01'),
    pointer: '/transport/arrival/date',
  },
  {
    rule: 'DOCUMENT_REF.AGENCY_FORMAT',
    type: 'customs-declaration',
    fixture: 'customs-declaration-import',
    change: (d) => (d.goodsItems[2].additionalDocuments[0].referenceNumber = 'IMDA-2025-0245'),
    pointer: '/goodsItems/2/additionalDocuments/0/referenceNumber',
  },
  {
    rule: 'AGENCY.UNKNOWN',
    type: 'licence-application',
    fixture: 'licence-application',
    change: (d) => (d.issuingAgency = 'MOFA'),
    pointer: '/issuingAgency',
  },
  {
    rule: 'TEXT.INVALID_CHARACTER',
    type: 'licence-application',
    fixture: 'licence-application',
    change: (d) => (d.purpose.description = 'Distribution\u0007 to customers'),
    pointer: '/purpose/description',
  },
  {
    rule: 'DATE.ORDER',
    type: 'licence-application',
    fixture: 'licence-application',
    change: (d) => (d.validityRequested.to = '2025-02-28'),
    pointer: '/validityRequested/to',
  },
  {
    rule: 'ITEMS.SEQUENCE',
    type: 'certificate-of-origin',
    fixture: 'certificate-of-origin',
    change: (d) => (d.items[1].itemNumber = 1),
    pointer: '/items/1/itemNumber',
  },
  {
    rule: 'DATE.ORDER',
    type: 'certificate-of-origin',
    fixture: 'certificate-of-origin',
    change: (d) => (d.items[0].invoiceDate = '2025-05-07'),
    pointer: '/items/0/invoiceDate',
  },
  {
    rule: 'CERTIFICATE.RETROACTIVE_FLAG',
    type: 'certificate-of-origin',
    fixture: 'certificate-of-origin',
    change: (d) => (d.issueDate = '2025-05-12'),
    pointer: '/flags/issuedRetroactively',
  },
  {
    rule: 'DATE.ORDER',
    type: 'phytosanitary-certificate',
    fixture: 'phytosanitary-certificate',
    change: (d) => (d.treatments[0].date = '2025-06-19'),
    pointer: '/treatments/0/date',
  },
];

describe('business rules', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  let apiKey: string;

  before(async () => {
    service = await startTestService();
    ({ apiKey } = await registerEnterprise(service.url, 'Tay Nguyen Coffee & Spices Export Co., Ltd.'));
  });
  after(async () => service?.stop());

  for (const { rule, type, fixture, change, pointer } of CASES) {
    it(`refuses a ${type} breaking ${rule} with 422 pointing at ${pointer}`, async () => {
      const data = validJson(fixture);
      change(data);
      const response = await submitJson(service.url, apiKey, type, data).expect(422);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(response.body.code).to.equal('VALIDATION.FAILED');
      expect(response.body.errors).to.deep.include.members([
        { pointer, code: rule, message: response.body.errors.find((e: { code: string }) => e.code === rule)?.message },
      ]);
      expect(response.body.errors.every((e: { code: string }) => e.code === rule)).to.equal(true, JSON.stringify(response.body.errors));
    });
  }

  it('accepts a retroactive certificate that says so', async () => {
    const data = validJson('certificate-of-origin');
    (data as Data).issueDate = '2025-05-12';
    (data as Data).flags.issuedRetroactively = true;
    await submitJson(service.url, apiKey, 'certificate-of-origin', data).expect(202);
  });

  it('requires the RVC percentage and FOB value when the origin criterion is RVC', async () => {
    const data = validJson('certificate-of-origin') as Data;
    delete data.items[0].rvcPercentage;
    const response = await submitJson(service.url, apiKey, 'certificate-of-origin', data).expect(422);
    expect(response.body.errors).to.deep.include({ pointer: '/items/0/rvcPercentage', code: 'SCHEMA.REQUIRED', message: 'is required' });
  });

  it('reports schema problems with a pointer each, all at once', async () => {
    const data = validJson('customs-declaration-import') as Data;
    delete data.declarant;
    data.goodsItems[0].hsCode = '8471.30';
    data.goodsItems[1].grossMass = 'heavy';
    data.transport.containers.push('NOT A CONTAINER');
    data.customsOffice.director = 'Nguyen Van A';
    const response = await submitJson(service.url, apiKey, 'customs-declaration', data).expect(422);
    const found = response.body.errors.map((e: { pointer: string; code: string }) => `${e.code} ${e.pointer}`);
    expect(found).to.include.members([
      'SCHEMA.REQUIRED /declarant',
      'SCHEMA.PATTERN /goodsItems/0/hsCode',
      'SCHEMA.TYPE /goodsItems/1/grossMass',
      'SCHEMA.PATTERN /transport/containers/2',
      'SCHEMA.UNKNOWN_MEMBER /customsOffice/director',
    ]);
  });

  it('caps the problems listed for a declaration wrong everywhere and says so', async () => {
    const data = validJson('customs-declaration-1000-items') as Data;
    for (const item of data.goodsItems) item.hsCode = 'none';
    const response = await submitJson(service.url, apiKey, 'customs-declaration', data).expect(422);
    expect(response.body.errors).to.have.length(100);
    expect(response.body.errorsTruncated).to.equal(true);
  });

  it('gives problems in XML input the XML path of the element besides the JSON pointer', async () => {
    const xml = validXml('customs-declaration-import').replace('<hsCode>85176249</hsCode>', '<hsCode>77010000</hsCode>');
    const response = await submitXml(service.url, apiKey, xml).expect(422);
    expect(response.body.errors).to.deep.include({
      pointer: '/goodsItems/1/hsCode',
      xmlPath: '/customs-declaration/goodsItems/goodsItem[2]/hsCode',
      code: 'HS_CODE.UNKNOWN',
      message: response.body.errors[0].message,
    });
  });

  it('reports XML-only mistakes (attributes, a single member repeated, stray text, a wrong item element) with their paths', async () => {
    const xml = validXml('licence-application')
      .replace('<issuingAgency>MOIT</issuingAgency>', '<issuingAgency>MOIT</issuingAgency><issuingAgency>MOST</issuingAgency>')
      .replace('<applicant>', '<applicant priority="high">')
      .replace('<goods>', '<goods>urgent')
      .replace('<supportingDocuments>\n    <supportingDocument>', '<supportingDocuments>\n    <document>')
      .replace('</supportingDocument>\n    <supportingDocument>', '</document>\n    <supportingDocument>');
    const response = await submitXml(service.url, apiKey, xml).expect(422);
    const found = response.body.errors.map((e: { xmlPath: string; code: string }) => `${e.code} ${e.xmlPath}`);
    expect(found).to.have.members([
      'XML.REPEATED_ELEMENT /licence-application/issuingAgency',
      'XML.ATTRIBUTE_NOT_ALLOWED /licence-application/applicant/@priority',
      'XML.UNEXPECTED_TEXT /licence-application/goods',
      'XML.UNEXPECTED_ELEMENT /licence-application/supportingDocuments/document',
    ]);
  });

  it('refuses a number that is not a number in XML with a type problem at its path', async () => {
    const xml = validXml('phytosanitary-certificate').replace('<sps:value>8000</sps:value>', '<sps:value>eight tonnes</sps:value>');
    const response = await submitXml(service.url, apiKey, xml).expect(422);
    expect(response.body.errors).to.deep.include({
      pointer: '/commodities/0/quantity/value',
      xmlPath: '/phytosanitary-certificate/commodities/commodity[1]/quantity/value',
      code: 'SCHEMA.TYPE',
      message: 'must be number',
    });
  });
});
