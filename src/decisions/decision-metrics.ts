import { Counter, Gauge, type Registry } from 'prom-client';
import type { DecisionObserver } from './decision-service.js';

/** Counts per agency of documents past their due time, read at scrape time. */
export interface OverdueCounter {
  overdueByAgency(now: Date): Promise<Map<string, number>>;
}

/**
 * Service-level metrics on /metrics: documents overdue per agency (a gauge read
 * from the store when scraped), decisions per agency and kind, and late decisions.
 */
export function serviceLevelMetrics(registry: Registry, agencies: string[], overdue: OverdueCounter): DecisionObserver {
  new Gauge({
    name: 'sw_agency_overdue_documents',
    help: 'Documents an agency still has to decide after their due time',
    labelNames: ['agency'] as const,
    registers: [registry],
    async collect() {
      const counts = await overdue.overdueByAgency(new Date());
      for (const agency of agencies) this.set({ agency }, counts.get(agency) ?? 0);
    },
  });
  const decisions = new Counter({
    name: 'sw_agency_decisions_total',
    help: 'Decisions applied, by agency and decision',
    labelNames: ['agency', 'decision'] as const,
    registers: [registry],
  });
  const late = new Counter({
    name: 'sw_agency_late_decisions_total',
    help: 'Decisions applied after the agency was due',
    labelNames: ['agency'] as const,
    registers: [registry],
  });
  return {
    applied(agency, decision, isLate) {
      decisions.inc({ agency, decision });
      if (isLate) late.inc({ agency });
    },
  };
}
