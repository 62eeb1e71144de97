import type { DocumentType, OutboxEntry, TradeDocument } from '../kernel/document-record.js';
import type { AgencyRegistry } from '../agencies/agency-registry.js';
import { newOutboxEntry } from '../kernel/outbox-entry.js';
import { EXCHANGES } from '../kernel/contracts/amqp-names.js';
import { ENVELOPE_HEADER, type AgencyWorkEnvelope, type AmendmentNote, type EarlierDecision } from '../kernel/contracts/agency-work.js';
import { withGoodsItems } from './document-facts.js';
import type { AgencyAssignment, RoutingPlan } from '../kernel/routing-plan.js';

export type XmlEncoder = (type: DocumentType, data: Record<string, unknown>) => string;

const HOUR_MS = 3_600_000;

/**
 * Builds the message that puts a document in one agency's queue (through the
 * outbox), in the format and scope the agency's registry entry asks for, and
 * starts the agency's service-level clock.
 */
export class AgencyDispatcher {
  constructor(
    private readonly registry: AgencyRegistry,
    private readonly encodeXml: XmlEncoder,
  ) {}

  dispatch(
    document: TradeDocument,
    plan: RoutingPlan,
    assignment: AgencyAssignment,
    now: Date,
    amendment?: AmendmentNote,
  ): { assignment: AgencyAssignment; entry: OutboxEntry } {
    const agency = this.registry.find(assignment.agency);
    if (!agency) throw new Error(`agency ${assignment.agency} of document ${document.id} is not in the registry`);
    const dueAt = new Date(now.getTime() + agency.serviceLevelHours * HOUR_MS);
    const dispatched: AgencyAssignment = {
      ...assignment,
      status: 'PENDING',
      dispatches: assignment.dispatches + 1,
      dispatchedAt: now,
      dueAt,
    };
    const partial = agency.payloadScope === 'matched-goods' && assignment.goodsItems !== undefined;
    const data = partial ? withGoodsItems(document, assignment.goodsItems!) : document.data;
    const base = `/api/v1/agencies/${encodeURIComponent(agency.code)}`;
    const envelope: AgencyWorkEnvelope = {
      documentId: document.id,
      reference: document.reference,
      type: document.type,
      schemaVersion: document.schemaVersion,
      agency: agency.code,
      enterprise: { id: document.enterpriseId },
      dueAt: dueAt.toISOString(),
      dispatch: dispatched.dispatches,
      routing: { ruleSetVersion: plan.ruleSetVersion, rules: assignment.rules },
      ...(partial ? { goodsItems: assignment.goodsItems } : {}),
      earlierDecisions: earlierDecisions(plan, agency.code),
      ...(amendment ? { amendment } : {}),
      ...(document.registerEntries?.length ? { registerEntries: document.registerEntries } : {}),
      links: { document: `${base}/documents/${document.id}`, decisions: `${base}/decisions` },
    };
    const message =
      agency.payloadFormat === 'xml'
        ? {
            contentType: 'application/xml',
            body: this.encodeXml(document.type, data),
            headers: { [ENVELOPE_HEADER]: JSON.stringify(envelope) },
          }
        : { contentType: 'application/json', body: JSON.stringify({ ...envelope, document: data }) };
    const entry = newOutboxEntry({ exchange: EXCHANGES.agency, routingKey: agency.code, type: document.type, ...message }, now);
    return { assignment: dispatched, entry };
  }
}

/** The latest decision of every other agency that has decided, with its permit number. */
function earlierDecisions(plan: RoutingPlan, agency: string): EarlierDecision[] {
  return plan.agencies.flatMap((other) => {
    const latest = other.decisions.at(-1);
    if (other.agency === agency || !latest) return [];
    return [
      {
        agency: other.agency,
        decision: latest.decision,
        ...(latest.permitNumber ? { permitNumber: latest.permitNumber } : {}),
        ...(latest.reasons ? { reasons: latest.reasons } : {}),
        decidedAt: new Date(latest.decidedAt).toISOString(),
      },
    ];
  });
}
