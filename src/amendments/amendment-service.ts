import { createHash } from 'node:crypto';
import type { AgencyRegistry } from '../agencies/agency-registry.js';
import type { DocumentType, TradeDocument } from '../kernel/document-record.js';
import type { ValidationIssue } from '../kernel/validation-issue.js';
import { validationFailed } from '../kernel/validation-issue.js';
import type { LifecycleService } from '../lifecycle/lifecycle-service.js';
import type { LifecycleStore } from '../lifecycle/lifecycle-store.js';
import { DomainError, notFound } from '../kernel/errors/domain-error.js';
import type { AgencyDispatcher } from '../routing/agency-dispatcher.js';
import { documentFacts } from '../routing/document-facts.js';
import { matchRules } from '../routing/match-rules.js';
import type { RuleBook } from '../routing/rule-book.js';
import { routingOf } from '../kernel/routing-plan.js';
import { amendRouting } from './amend-routing.js';
import type { Amendment } from './amendment.js';

/** Checks amended data as the intake checks a submission (schema, then business rules). */
export type DataValidator = (type: DocumentType, data: unknown) => Promise<ValidationIssue[]>;

export interface AmendmentInput {
  enterpriseId: string;
  documentId: string;
  data: unknown;
  answer: string;
}

export interface AmendmentDeps {
  documents: LifecycleStore;
  lifecycle: LifecycleService;
  validate: DataValidator;
  rules: RuleBook;
  registry: AgencyRegistry;
  dispatcher: AgencyDispatcher;
  homeCountry: string;
  maxAmendments: number;
  now?: () => Date;
}

/**
 * The enterprise answers NEEDS_INFO: the amended data is validated like a new
 * submission, replaces the document's data, is recorded as an amendment, and the
 * document goes back (IN_REVIEW) to the agencies that asked, in one atomic update.
 */
export class AmendmentService {
  private readonly now: () => Date;

  constructor(private readonly deps: AmendmentDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async amend(input: AmendmentInput): Promise<{ document: TradeDocument; amendment: Amendment; routedTo: string[] }> {
    const current = await this.deps.documents.get(input.documentId);
    if (!current || current.enterpriseId !== input.enterpriseId) throw notFound('The document', 'DOCUMENT.NOT_FOUND');
    const issues = await this.deps.validate(current.type, input.data);
    if (issues.length > 0) throw validationFailed(issues);
    const data = input.data as Record<string, unknown>;
    const outcome = await this.deps.lifecycle.change(input.documentId, (document) => {
      const plan = routingOf(document);
      if (document.status !== 'NEEDS_INFO' || !plan) {
        throw new DomainError('AMENDMENT.NOT_AWAITED', `The document is ${document.status}; amendments answer a NEEDS_INFO`, {
          details: { status: document.status },
        });
      }
      const count = document.amendments?.length ?? 0;
      if (count >= this.deps.maxAmendments) {
        throw new DomainError('AMENDMENT.LIMIT_REACHED', `The document has ${count} amendments already, the most it accepts`);
      }
      const now = this.now();
      const amended: TradeDocument = { ...document, data };
      const ruleSet = this.deps.rules.find(plan.ruleSetVersion) ?? this.deps.rules.current(now);
      const note = { number: count + 1, answer: input.answer, amendedAt: now.toISOString() };
      const routed = amendRouting(amended, plan, matchRules(ruleSet, documentFacts(amended, this.deps.homeCountry)), this.deps, note, now);
      const amendment: Amendment = {
        number: count + 1,
        at: now,
        actor: `enterprise:${input.enterpriseId}`,
        answer: input.answer,
        answers: routed.asked.map((a) => ({ agency: a.agency, ...optional(a.decisions.at(-1)?.question) })),
        addedAgencies: routed.added,
        dataSha256Before: sha256(document.data),
        dataSha256After: sha256(data),
      };
      const routedTo = routed.outbox.map((entry) => entry.routingKey);
      return {
        result: { amendment, routedTo },
        change: {
          to: 'IN_REVIEW',
          actor: amendment.actor,
          reason: `Amendment ${amendment.number} answers ${routed.asked.map((a) => a.agency).join(', ')}`,
          set: { data, routing: routed.plan },
          push: { amendments: [amendment] },
          outbox: routed.outbox,
        },
      };
    });
    return { document: outcome.document, ...outcome.result };
  }
}

const optional = (question: string | undefined) => (question ? { question } : {});

function sha256(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}
