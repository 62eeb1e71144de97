import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../../kernel/errors/domain-error.js';
import { projectRoot } from '../../platform/project-root.js';
import type { PartnerSchemas } from '../partner-schemas.js';
import type { ProfileRegistry } from '../profiles/profile-registry.js';
import { channelFor, type Partner } from './partner.js';
import type { PartnerDirectoryStore } from './partner-directory-store.js';

/** The partner directory file does not hold: the service refuses to start. */
export class PartnerDirectoryError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${path.basename(file)} is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'PartnerDirectoryError';
  }
}

/**
 * The partner single windows, validated, kept in the database (shared by every
 * process) and cached here so hot paths (transition hooks, inbound verification)
 * read it without I/O. The cache is refreshed periodically and after every change
 * made through this process.
 */
export class PartnerDirectory {
  private snapshot = new Map<string, Partner>();

  constructor(
    private readonly store: PartnerDirectoryStore,
    private readonly schemas: PartnerSchemas,
    private readonly profiles: ProfileRegistry,
  ) {}

  /** Validates the seed file, adds its partners missing from the database, and loads the cache. */
  async seed(file: string): Promise<void> {
    const resolved = path.resolve(projectRoot, file);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(resolved, 'utf8')) as unknown;
    } catch (error) {
      throw new PartnerDirectoryError(resolved, [(error as Error).message]);
    }
    const problems = this.schemas.checkDirectory(data);
    const partners = problems.length === 0 ? (data as { partners: Partner[] }).partners.map(withDefaults) : [];
    const seen = new Set<string>();
    for (const partner of partners) {
      if (seen.has(partner.country)) problems.push(`partner ${partner.country} is listed twice`);
      seen.add(partner.country);
      problems.push(...this.crossCheck(partner).map((problem) => `partner ${partner.country}: ${problem}`));
    }
    if (problems.length > 0) throw new PartnerDirectoryError(resolved, problems);
    await this.store.seed(partners);
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const partners = await this.store.list();
    this.snapshot = new Map(partners.map((partner) => [partner.country, partner]));
  }

  /** From the cache: no I/O. */
  find(country: string): Partner | undefined {
    return this.snapshot.get(country);
  }

  list(): Partner[] {
    return [...this.snapshot.values()];
  }

  /** Reads through to the database, for the admin API. */
  async read(country: string): Promise<Partner | undefined> {
    return this.store.find(country);
  }

  /** Creates or replaces a partner after the same checks as the seed file; true when created. */
  async put(country: string, body: unknown): Promise<{ partner: Partner; created: boolean }> {
    const candidate = typeof body === 'object' && body !== null && !Array.isArray(body) ? { country, ...(body as object) } : body;
    const problems = this.schemas.checkPartner(candidate);
    if (problems.length === 0) {
      if ((candidate as Partner).country !== country) problems.push(`/country must be ${country}, the country in the path`);
      problems.push(...this.crossCheck(withDefaults(candidate as Partner)));
    }
    if (problems.length > 0) {
      throw new DomainError('PARTNER.INVALID', 'The partner entry is invalid', {
        details: { errors: problems.map((detail) => ({ detail })) },
      });
    }
    const partner = withDefaults(candidate as Partner);
    const created = await this.store.put(partner);
    await this.refresh();
    return { partner, created };
  }

  /** What the schema cannot say: the profile exists and carries the types, the certificate is one. */
  private crossCheck(partner: Partner): string[] {
    const problems: string[] = [];
    const profile = this.profiles.find(partner.profile);
    if (!profile) problems.push(`profile "${partner.profile}" does not exist (profiles: ${this.profiles.names().join(', ')})`);
    for (const type of new Set([...partner.sends, ...partner.receives])) {
      if (profile && !profile.codecs[type]) problems.push(`profile "${partner.profile}" does not carry ${type}`);
      // The hub is store-and-forward for ePhyto alone: a declaration routed to it would never arrive.
      if (channelFor(partner, type) === 'ephyto-hub' && type !== 'phytosanitary-certificate')
        problems.push(`${type} cannot travel through the ePhyto hub, which carries phytosanitary certificates only`);
    }
    if (partner.retryPolicy.maxDelayMs < partner.retryPolicy.initialDelayMs)
      problems.push('retryPolicy.maxDelayMs must not be below initialDelayMs');
    if (partner.certificate) {
      try {
        const certificate = new X509Certificate(partner.certificate);
        if (Date.parse(certificate.validTo) < Date.now()) problems.push(`the certificate expired on ${certificate.validTo}`);
      } catch (error) {
        problems.push(`the certificate cannot be read: ${(error as Error).message}`);
      }
    }
    return problems;
  }
}

function withDefaults(partner: Partner): Partner {
  return { ...partner, enabled: partner.enabled ?? true };
}
