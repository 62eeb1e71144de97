import type { AgencyRegistry } from '../agencies/agency-registry.js';
import type { DocumentStatus, OutboxEntry, TradeDocument } from '../kernel/document-record.js';
import type { LifecycleService } from '../lifecycle/lifecycle-service.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { AgencyDispatcher } from '../routing/agency-dispatcher.js';
import { routingOf, type RoutingPlan } from '../kernel/routing-plan.js';
import type { DecisionEnvelope } from '../kernel/contracts/decision-message.js';
import type { ApprovalSettlement } from './approval-settlement.js';
import { alreadyApplied, evaluateDecision } from './evaluate-decision.js';

export interface DecisionResult {
  documentId: string;
  agency: string;
  decision: string;
  messageId: string;
  /** True when this messageId was applied before: nothing changed. */
  duplicate: boolean;
  status: DocumentStatus;
}

/** Observes applied decisions (metrics); kept out of the use case's logic. */
export interface DecisionObserver {
  applied(agency: string, decision: string, late: boolean): void;
}

/**
 * applyDecision, the one use case behind both the sw.decisions consumer and the
 * HTTP endpoint: idempotent by messageId, checked against the routing plan and the
 * lifecycle, and written as one atomic update with the messages it causes (the
 * status event, and customs' work once the other agencies approved).
 */
export class DecisionService {
  constructor(
    private readonly registry: AgencyRegistry,
    private readonly lifecycle: LifecycleService,
    private readonly dispatcher: AgencyDispatcher,
    private readonly observer: DecisionObserver = { applied: () => undefined },
    private readonly settlement?: ApprovalSettlement,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async applyDecision(envelope: DecisionEnvelope): Promise<DecisionResult> {
    const { message } = envelope;
    if (!this.registry.has(message.agency)) {
      throw new DomainError('DECISION.UNKNOWN_AGENCY', `${message.agency} is not a registered agency`);
    }
    const prepared = await this.prepare(envelope);
    const applied = prepared.refusal === undefined ? envelope : refusedAsNeedsInfo(envelope, prepared.refusal);
    let late = false;
    let outcome: Awaited<ReturnType<typeof this.lifecycle.change<boolean>>>;
    try {
      outcome = await this.lifecycle.change(message.documentId, (document) => {
        const plan = routingOf(document);
        if (alreadyApplied(plan, envelope.messageId)) return { result: true };
        const now = this.now();
        const evaluation = evaluateDecision(document, plan, applied, now);
        let next: RoutingPlan = evaluation.plan;
        const outbox: OutboxEntry[] = [];
        const refreshed = evaluation.release.length > 0 ? prepared.fields : {};
        for (const code of evaluation.release) {
          const held = next.agencies.find((a) => a.agency === code)!;
          const sent = this.dispatcher.dispatch({ ...document, ...refreshed }, next, held, now);
          next = { ...next, agencies: next.agencies.map((a) => (a.agency === code ? sent.assignment : a)) };
          outbox.push(sent.entry);
        }
        const dueAt = plan?.agencies.find((a) => a.agency === message.agency)?.dueAt;
        late = dueAt !== undefined && new Date(dueAt).getTime() < now.getTime();
        return {
          result: false,
          change: {
            to: evaluation.status,
            actor: `agency:${message.agency}`,
            reason: evaluation.reason,
            set: { routing: next, ...refreshed },
            outbox,
          },
        };
      });
    } catch (error) {
      // A refusal changed nothing: give back what the approval took. A failure of ours is retried, and the retry takes nothing twice.
      if (prepared.took && error instanceof DomainError && error.kind !== 'transient') await this.settlement!.giveBack(prepared.document!);
      throw error;
    }
    if (prepared.took && outcome.document.status !== 'APPROVED') await this.settlement!.giveBack(outcome.document);
    await this.settlement?.settled(outcome.document);
    if (prepared.refusal !== undefined && !outcome.result) {
      throw new DomainError(
        'DECISION.REGISTER_REFUSED',
        `The approval was refused and the document is ${outcome.document.status}: ${prepared.refusal}`,
        {
          details: { documentId: message.documentId, status: outcome.document.status, reason: prepared.refusal },
        },
      );
    }
    if (!outcome.result) this.observer.applied(message.agency, message.decision, late);
    return {
      documentId: message.documentId,
      agency: message.agency,
      decision: message.decision,
      messageId: envelope.messageId,
      duplicate: outcome.result,
      status: outcome.document.status,
    };
  }

  /**
   * Before the update: a decision that would end the document APPROVED first takes
   * what the approval consumes (the register's balances); a refusal turns it into
   * NEEDS_INFO. Agencies about to be sent the document get the cited entries as they are now.
   */
  private async prepare(envelope: DecisionEnvelope): Promise<Prepared> {
    const none: Prepared = { took: false, fields: {} };
    if (!this.settlement) return none;
    const document = await this.lifecycle.get(envelope.message.documentId);
    const plan = document && routingOf(document);
    if (!document || alreadyApplied(plan, envelope.messageId)) return none;
    let evaluation;
    try {
      evaluation = evaluateDecision(document, plan, envelope, this.now());
    } catch {
      return none; // the update refuses it the same way
    }
    const fields = evaluation.release.length > 0 ? await this.settlement.fields(document) : {};
    if (evaluation.status !== 'APPROVED') return { took: false, fields, document };
    const { refusal } = await this.settlement.take(document);
    return refusal === undefined ? { took: true, fields, document } : { took: false, refusal, fields, document };
  }
}

interface Prepared {
  took: boolean;
  refusal?: string;
  fields: Partial<TradeDocument>;
  document?: TradeDocument;
}

/** The approval the window could not honour, recorded as the agency's question to the enterprise. */
function refusedAsNeedsInfo(envelope: DecisionEnvelope, refusal: string): DecisionEnvelope {
  const { permitNumber: _permit, ...message } = envelope.message;
  return {
    ...envelope,
    message: { ...message, decision: 'NEEDS_INFO', question: `The single window cannot record this approval: ${refusal}`.slice(0, 2000) },
  };
}
