import type { Partner } from './partner.js';
import type { PartnerDirectoryStore } from './partner-directory-store.js';

export class FakePartnerDirectoryStore implements PartnerDirectoryStore {
  private readonly partners = new Map<string, Partner>();

  async list(): Promise<Partner[]> {
    return [...this.partners.values()].map((partner) => structuredClone(partner));
  }

  async find(country: string): Promise<Partner | undefined> {
    const partner = this.partners.get(country);
    return partner && structuredClone(partner);
  }

  async seed(partners: Partner[]): Promise<void> {
    for (const partner of partners) if (!this.partners.has(partner.country)) this.partners.set(partner.country, structuredClone(partner));
  }

  async put(partner: Partner): Promise<boolean> {
    const created = !this.partners.has(partner.country);
    this.partners.set(partner.country, structuredClone(partner));
    return created;
  }
}
