import { expect } from 'chai';
import { CodeListCatalog } from '../../src/catalog/code-list-catalog.js';
import { SchemaCatalog } from '../../src/catalog/schema-catalog.js';
import { DocumentValidator } from '../../src/documents/validation/document-validator.js';
import { createEphytoFeature } from '../../src/ephyto/ephyto-feature.js';
import { encodeSpsCertificate } from '../../src/ephyto/sps-certificate-encoder.js';
import { PHYTO_FIXTURES, SPS_SAMPLES, fixture, sample, xmllintProblems } from './support/ephyto-fixtures.js';

describe('the SPS certificate codec', function () {
  this.timeout(60_000);
  const ephyto = createEphytoFeature({ xmlMaxDepth: 64, xmlMaxElements: 100_000 });

  for (const name of PHYTO_FIXTURES) {
    const short = name.split('/').pop()!;
    it(`writes ${short} as an SPSCertificate that xmllint validates against D17A`, () => {
      expect(xmllintProblems(encodeSpsCertificate(fixture(name)))).to.equal('');
    });

    it(`reads ${short} back from its SPSCertificate unchanged, member order included`, () => {
      const reading = ephyto.reader.read(ephyto.writer.write(fixture(name)));
      expect(reading.warnings).to.deep.equal([]);
      expect(JSON.stringify(reading.data)).to.equal(JSON.stringify(fixture(name)));
    });
  }

  it('keeps languageID, schemeID and unitCode through a round trip', () => {
    const data = fixture(PHYTO_FIXTURES[1]!);
    data.language = 'en';
    (data.consignor as Record<string, unknown>).taxIdScheme = 'VN-MST';
    const xml = ephyto.writer.write(data);
    expect(xml).to.contain('languageID="en"').and.contain('schemeID="VN-MST"').and.contain('unitCode="CEL"');
    expect(ephyto.reader.read(xml).data).to.deep.equal(data);
  });

  it('writes the structure real certificates use: type 851, status 70, Recommendation 19 mode, TT characteristics', () => {
    const xml = encodeSpsCertificate(fixture(PHYTO_FIXTURES[1]!));
    for (const part of [
      '<ram:TypeCode>851</ram:TypeCode><ram:StatusCode>70</ram:StatusCode>',
      '<ram:IssueDateTime><udt:DateTimeString>2025-07-02</udt:DateTimeString></ram:IssueDateTime>',
      '<ram:ExportSPSCountry><ram:ID>VN</ram:ID></ram:ExportSPSCountry><ram:ImportSPSCountry><ram:ID>NZ</ram:ID></ram:ImportSPSCountry>',
      '<ram:ModeCode>4</ram:ModeCode>',
      '<ram:SystemName>HS</ram:SystemName><ram:ClassCode>081090</ram:ClassCode>',
      '<ram:Description>TTTM</ram:Description><ram:ValueMeasure unitCode="CEL">46.5</ram:ValueMeasure>',
      '<ram:Subject>ADEDL</ram:Subject>',
    ])
      expect(xml).to.contain(part);
  });

  for (const name of SPS_SAMPLES) {
    it(`reads the real-format sample ${name} into a valid canonical certificate`, () => {
      const reading = ephyto.reader.read(sample(name));
      const signed = name.includes('signed');
      expect(reading.signed).to.equal(signed);
      expect(reading.warnings.map((warning) => warning.path)).to.deep.equal(signed ? ['/rsm:SPSCertificate/ds:Signature'] : []);
      const validator = new DocumentValidator(SchemaCatalog.load(), CodeListCatalog.load());
      expect(validator.validate('phytosanitary-certificate', reading.data).issues).to.deep.equal([]);
      expect(reading.data).to.deep.include({
        certificateNumber: '123456789CO',
        issueDate: '2024-02-26',
        placeOfIssue: 'Bogota D.C',
        importingNppo: { country: 'PE' },
      });
      const [commodity] = reading.data.commodities as Record<string, unknown>[];
      expect(commodity).to.deep.include({
        hsCode: '100590',
        ippcCommodityClass: 'Grains',
        ippcCommodityCondition: 'Dry',
        quantity: { value: 1000 },
      });
      expect((reading.data.treatments as unknown[])[0]).to.deep.include({
        type: 'ZZZ',
        ippcType: 'CHT',
        chemical: '238',
        temperature: { value: 32, unit: 'CEL' },
        concentration: { value: 2.5, unit: 'KX' },
        duration: { value: 3, unit: 'HUR' },
      });
    });
  }

  it('re-writes a real-format sample as a certificate that validates against D17A', () => {
    expect(xmllintProblems(ephyto.writer.write(ephyto.reader.read(sample(SPS_SAMPLES[0]!)).data))).to.equal('');
  });

  it('reads a certificate with elements out of schema order, with the deviation as a warning', () => {
    const swapped = sample(SPS_SAMPLES[0]!).replace(
      /(<ram:TypeCode>851<\/ram:TypeCode>)(\s*)(<ram:StatusCode>70<\/ram:StatusCode>)/,
      '$3$2$1',
    );
    const reading = ephyto.reader.read(swapped);
    expect(reading.warnings).to.have.length.greaterThan(0);
    expect(reading.warnings[0]!.message).to.contain('StatusCode');
    expect(reading.data.certificateNumber).to.equal('123456789CO');
  });

  it('refuses XML that is not an SPSCertificate in the SPS namespace', () => {
    expect(() => ephyto.reader.read('<SPSCertificate xmlns="urn:other"/>'))
      .to.throw()
      .with.property('code', 'EPHYTO.NOT_A_CERTIFICATE');
  });
});
