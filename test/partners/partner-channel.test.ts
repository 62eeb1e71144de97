import { expect } from 'chai';
import { FakePartnerDirectoryStore } from '../../src/partners/directory/fake-partner-directory-store.js';
import { PartnerDirectory } from '../../src/partners/directory/partner-directory.js';
import { channelFor } from '../../src/partners/directory/partner.js';
import { PartnerSchemas } from '../../src/partners/partner-schemas.js';
import { ProfileRegistry } from '../../src/partners/profiles/profile-registry.js';
import { partnerEntry } from './support/partner-kit.js';

describe('partner channels', () => {
  const profiles = ProfileRegistry.standard();
  const directory = () => new PartnerDirectory(new FakePartnerDirectoryStore(), new PartnerSchemas(profiles), profiles);

  it("seeds the hub for the ASEAN members' phytosanitary certificates and for everything of NZ", async () => {
    const seeded = directory();
    await seeded.seed('schemas/partners/partner-directory.json');
    const th = seeded.find('TH')!;
    expect(channelFor(th, 'phytosanitary-certificate')).to.equal('ephyto-hub');
    expect(channelFor(th, 'customs-declaration')).to.equal('gateway');
    expect(channelFor(seeded.find('NZ')!, 'phytosanitary-certificate')).to.equal('ephyto-hub');
    expect(channelFor(seeded.find('KR')!, 'certificate-of-origin')).to.equal('gateway');
  });

  it('refuses a partner whose declarations would go through the hub, which carries only ePhyto', async () => {
    const error = await directory()
      .put('TH', partnerEntry('TH', { channel: 'ephyto-hub' }))
      .then(
        () => undefined,
        (caught: Error & { code?: string; details?: unknown }) => caught,
      );
    expect(error?.code).to.equal('PARTNER.INVALID');
    expect(JSON.stringify(error?.details)).to.contain('customs-declaration cannot travel through the ePhyto hub');
  });

  it('refuses a channel the schema does not name', async () => {
    const error = await directory()
      .put('TH', { ...partnerEntry('TH'), documentChannels: { 'phytosanitary-certificate': 'carrier-pigeon' } })
      .then(
        () => undefined,
        (caught: Error & { code?: string }) => caught,
      );
    expect(error?.code).to.equal('PARTNER.INVALID');
  });
});
