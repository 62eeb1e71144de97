import path from 'node:path';
import { schemasDir } from '../platform/project-root.js';
import { agencyQueue } from '../kernel/contracts/amqp-names.js';
import type { Agency } from './agency.js';
import { readValidatedJson, ReferenceDataError } from './read-validated-json.js';

interface RegistryFile {
  version: string;
  agencies: Agency[];
}

/** The participating agencies, loaded and checked once at start-up. */
export class AgencyRegistry {
  private readonly byCode: Map<string, Agency>;

  constructor(
    readonly version: string,
    agencies: Agency[],
  ) {
    this.byCode = new Map(agencies.map((agency) => [agency.code, agency]));
  }

  static load(file = path.join(schemasDir, 'agencies', 'agencies.json')): AgencyRegistry {
    const data = readValidatedJson<RegistryFile>(file, path.join(schemasDir, 'agencies', 'agency-registry.schema.json'));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const agency of data.agencies) {
      if (seen.has(agency.code)) problems.push(`agency ${agency.code} is listed twice`);
      seen.add(agency.code);
      if (agency.queue !== agencyQueue(agency.code))
        problems.push(`agency ${agency.code} must use queue ${agencyQueue(agency.code)}, not ${agency.queue}`);
    }
    if (problems.length > 0) throw new ReferenceDataError(file, problems);
    return new AgencyRegistry(data.version, data.agencies);
  }

  list(): Agency[] {
    return [...this.byCode.values()];
  }

  find(code: string): Agency | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }
}
