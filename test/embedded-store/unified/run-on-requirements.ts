import type { RunOnRequirement } from './unified-format.js';

export interface ServerFacts {
  readonly version: readonly number[];
  readonly topology: 'single' | 'replicaset' | 'sharded';
}

/** Why none of the requirements holds, or undefined when one does (or there are none). */
export function unmetRequirements(requirements: RunOnRequirement[] | undefined, server: ServerFacts): string | undefined {
  if (!requirements || requirements.length === 0) return undefined;
  const reasons = requirements.map((requirement) => unmet(requirement, server));
  return reasons.every((reason) => reason !== undefined) ? reasons.join('; or ') : undefined;
}

function unmet(requirement: RunOnRequirement, server: ServerFacts): string | undefined {
  const { minServerVersion, maxServerVersion, topologies, serverless, ...other } = requirement;
  const unknown = Object.keys(other);
  if (unknown.length > 0) return `needs ${unknown.join(', ')}`;
  if (minServerVersion && compare(server.version, parse(minServerVersion)) < 0) return `needs server >= ${minServerVersion}`;
  if (maxServerVersion && compare(server.version, parse(maxServerVersion)) > 0) return `needs server <= ${maxServerVersion}`;
  if (topologies && !topologies.includes(server.topology)) return `needs topology ${topologies.join('/')}`;
  if (serverless === 'require') return 'needs serverless';
  return undefined;
}

function parse(version: string): number[] {
  return version.split('.').slice(0, 3).map(Number);
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
