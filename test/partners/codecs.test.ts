import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { create } from 'xmlbuilder2';
import { generateProfileSchemas } from '../../scripts/write-profile-schemas.js';
import { PartnerSchemas } from '../../src/partners/partner-schemas.js';
import { ProfileRegistry } from '../../src/partners/profiles/profile-registry.js';
import { parseUntrustedXml } from '../../src/xml/safe-xml-parser.js';
import { canonicalFixture, PROFILE_FIXTURES } from './support/fixtures.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const LIMITS = { maxDepth: 32, maxElements: 100_000 };

describe('partner profile codecs', () => {
  let profiles: ProfileRegistry;
  let schemas: PartnerSchemas;

  before(async () => {
    profiles = ProfileRegistry.standard();
    schemas = new PartnerSchemas(profiles);
  });

  it('finds the four profiles, one per folder under src/partners/profiles/', () => {
    expect(profiles.names()).to.have.members(['asw', 'kr', 'eaeu', 'nz']);
  });

  for (const { profile, type, fixture } of PROFILE_FIXTURES) {
    for (const prettyPrint of [false, true]) {
      it(`${profile} carries ${fixture} to partner XML and back unchanged${prettyPrint ? ' (indented XML)' : ''}`, () => {
        const data = canonicalFixture(fixture);
        const codec = profiles.codec(profile, type)!;
        const holder = create().ele('Payload');
        codec.encode(data, holder);
        const xml = holder.first().toString({ prettyPrint });
        const parsed = parseUntrustedXml(xml, LIMITS);

        expect(parsed.root).to.equal(codec.root);
        expect(parsed.namespace).to.equal(codec.namespace ?? profiles.find(profile)!.namespace);
        expect(schemas.checkPayload(profile, parsed.root, parsed.content)).to.deep.equal([]);
        expect(codec.decode(parsed.content)).to.deep.equal(data);
      });
    }
  }

  it('the fixtures are valid canonical documents of their type', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const { type, fixture } of PROFILE_FIXTURES) {
      const validate =
        ajv.getSchema(`https://single-window.example/schemas/${type}/v1.json`) ??
        ajv.compile(JSON.parse(readFileSync(`schemas/${type}/v1.json`, 'utf8')) as object);
      expect(validate(canonicalFixture(fixture)), `${fixture}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
  });

  it('a payload missing a required element fails its profile schema, naming the element', () => {
    const codec = profiles.codec('asw', 'certificate-of-origin')!;
    const data = canonicalFixture('certificate-of-origin-th');
    delete data.consignee;
    const holder = create().ele('Payload');
    codec.encode(data, holder);
    const parsed = parseUntrustedXml(holder.first().toString(), LIMITS);
    expect(schemas.checkPayload('asw', parsed.root, parsed.content).join()).to.contain('ConsigneeParty');
  });

  it('an element the profile does not define is refused rather than dropped', () => {
    const xml = '<CoDocument xmlns="urn:single-window:profile:kr:1"><Smuggled>1</Smuggled></CoDocument>';
    const parsed = parseUntrustedXml(xml, LIMITS);
    expect(schemas.checkPayload('kr', parsed.root, parsed.content).join()).to.contain('must NOT have additional properties');
  });

  it('the profile schemas in schemas/partners/profiles/ match the element maps they are generated from', async () => {
    for (const [file, text] of await generateProfileSchemas()) {
      expect(readFileSync(file, 'utf8'), `${file} is stale: run node --import tsx scripts/write-profile-schemas.ts`).to.equal(text);
    }
  });
});
