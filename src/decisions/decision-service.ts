import type { AgencyRegistry } from '../agencies/agency-registry.js';
import type { DocumentStatus, OutboxEntry } from '../kernel/document-record.js';
import type { LifecycleService } from '../lifecycle/lifecycle-service.js';
import { DomainError } from '../kernel/errors/domain-error.js';
import type { AgencyDispatcher } from '../routing/agency-dispatcher.js';
import { routingOf, type RoutingPlan } from '../kernel/routing-plan.js';
import type { DecisionEnvelope } from '../kernel/contracts/decision-message.js';
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
    private readonly now: () => Date = () => new Date(),
  ) {}

  async applyDecision(envelope: DecisionEnvelope): Promise<DecisionResult> {
    const { message } = envelope;
    if (!this.registry.has(message.agency)) {
      throw new DomainError('DECISION.UNKNOWN_AGENCY', `${message.agency} is not a registered agency`);
    }
    let late = false;
    const outcome = await this.lifecycle.change(message.documentId, (document) => {
      const plan = routingOf(document);
      if (alreadyApplied(plan, envelope.messageId)) return { result: true };
      const now = this.now();
      const evaluation = evaluateDecision(document, plan, envelope, now);
      let next: RoutingPlan = evaluation.plan;
      const outbox: OutboxEntry[] = [];
      for (const code of evaluation.release) {
        const held = next.agencies.find((a) => a.agency === code)!;
        const sent = this.dispatcher.dispatch(document, next, held, now);
        next = { ...next, agencies: next.agencies.map((a) => (a.agency === code ? sent.assignment : a)) };
        outbox.push(sent.entry);
      }
      const dueAt = plan?.agencies.find((a) => a.agency === message.agency)?.dueAt;
      late = dueAt !== undefined && new Date(dueAt).getTime() < now.getTime();
      return {
        result: false,
        change: { to: evaluation.status, actor: `agency:${message.agency}`, reason: evaluation.reason, set: { routing: next }, outbox },
      };
    });
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
}
