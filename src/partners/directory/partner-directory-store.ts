import type { Partner } from './partner.js';

/** Where the directory lives once seeded: shared by every process of the service. */
export interface PartnerDirectoryStore {
  list(): Promise<Partner[]>;
  find(country: string): Promise<Partner | undefined>;
  /** Adds the partners not stored yet; stored ones are left as the admin API last set them. */
  seed(partners: Partner[]): Promise<void>;
  /** Creates or replaces one partner; true when it was created. */
  put(partner: Partner): Promise<boolean>;
}
