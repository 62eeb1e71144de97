import type { Connection } from 'mongoose';
import { OPEN_STATUSES } from '../kernel/lifecycle.js';
import type { OverdueCounter } from './decision-metrics.js';
import { isOverdue, type AgencyAssignment } from '../kernel/routing-plan.js';

/** Counts overdue agencies over the open documents that have any (the store filters, we tally). */
export class MongoOverdueCounter implements OverdueCounter {
  constructor(private readonly connection: Connection) {}

  async overdueByAgency(now: Date): Promise<Map<string, number>> {
    const documents = this.connection.getClient().db(this.connection.name).collection('documents');
    const rows = await documents
      .find(
        {
          status: { $in: [...OPEN_STATUSES] },
          'routing.agencies': { $elemMatch: { status: { $in: ['PENDING', 'ACKNOWLEDGED'] }, dueAt: { $lt: now } } },
        },
        { projection: { 'routing.agencies': 1 } },
      )
      .toArray();
    const counts = new Map<string, number>();
    for (const row of rows) {
      for (const assignment of (row.routing?.agencies ?? []) as AgencyAssignment[]) {
        if (isOverdue(assignment, now)) counts.set(assignment.agency, (counts.get(assignment.agency) ?? 0) + 1);
      }
    }
    return counts;
  }
}
