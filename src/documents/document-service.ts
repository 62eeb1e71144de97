import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION } from '../catalog/schema-catalog.js';
import { notFound } from '../kernel/errors/domain-error.js';
import type { DocumentXmlCodec } from '../xml/document-xml-codec.js';
import { decodeCursor, encodeCursor } from './document-cursor.js';
import type { DocumentOrigin, DocumentType, TradeDocument } from '../kernel/document-record.js';
import type { DocumentFilter, DocumentStore, DocumentSummary, ReferenceSequence } from './document-store.js';
import type { SubmissionPlanner } from '../kernel/submission-plan.js';
import type { DocumentCheck } from './validation/document-check.js';
import type { DocumentValidator, ValidationResult } from './validation/document-validator.js';
import { validationFailed } from '../kernel/validation-issue.js';

export interface SubmitCommand {
  enterpriseId: string;
  type: DocumentType;
  /** The canonical JSON (XML input decoded by the codec first). */
  data: Record<string, unknown>;
  sourceFormat: 'json' | 'xml';
  /** Defaults to the enterprise channel. */
  origin?: DocumentOrigin;
  /** The use of the request's Idempotency-Key (IdempotencyGuard), stored with the document. */
  idempotencyToken?: string;
}

export interface DocumentServiceParts {
  store: DocumentStore;
  references: ReferenceSequence;
  validator: DocumentValidator;
  codec: DocumentXmlCodec;
  planner: SubmissionPlanner;
  /** Checks that read the store (the register), after schema and rules. */
  checks?: DocumentCheck[];
  referencePrefix: string;
  /** Called after each insert, e.g. to wake the outbox relay of this process. */
  onStored?: (document: TradeDocument) => void;
  now?: () => Date;
}

const NOT_FOUND = 'DOCUMENT.NOT_FOUND';
const DUPLICATE_KEY = 11000;
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The intake's use cases: validate, submit, read and list an enterprise's documents. */
export class DocumentService {
  private readonly now: () => Date;

  constructor(private readonly parts: DocumentServiceParts) {
    this.now = parts.now ?? (() => new Date());
  }

  /** Validation without storing; XML input gets the XML path of each problem too. */
  validate(type: DocumentType, data: unknown, sourceFormat: 'json' | 'xml' = 'json'): ValidationResult {
    const result = this.parts.validator.validate(type, data);
    if (sourceFormat === 'xml') {
      for (const issue of result.issues) issue.xmlPath ??= this.parts.codec.xmlPathOf(type, issue.pointer);
    }
    return result;
  }

  /** `validate`, then, for a document with nothing wrong so far, the checks that read the store. */
  async check(type: DocumentType, data: unknown, sourceFormat: 'json' | 'xml' = 'json'): Promise<ValidationResult> {
    const result = this.validate(type, data, sourceFormat);
    const checks = this.parts.checks ?? [];
    if (result.issues.length > 0 || checks.length === 0) return result;
    const issues = (await Promise.all(checks.map((check) => check.issues(type, data as Record<string, unknown>)))).flat();
    if (sourceFormat === 'xml') {
      for (const issue of issues) issue.xmlPath ??= this.parts.codec.xmlPathOf(type, issue.pointer);
    }
    return { issues, truncated: false };
  }

  /**
   * `submit` under an Idempotency-Key: when this use of the key has a document already
   * (its first request stopped after storing it, before answering), that document is
   * the answer, and `replayed` says so.
   */
  async submitOnce(command: SubmitCommand & { idempotencyToken: string }): Promise<{ document: TradeDocument; replayed: boolean }> {
    try {
      return { document: await this.submit(command), replayed: false };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const earlier = await this.parts.store.findByIdempotencyToken(command.enterpriseId, command.idempotencyToken);
      if (!earlier) throw error;
      return { document: earlier, replayed: true };
    }
  }

  /** Validates, then stores the document with its plan in one insert. Throws 422 `VALIDATION.FAILED`. */
  async submit(command: SubmitCommand): Promise<TradeDocument> {
    const result = await this.check(command.type, command.data, command.sourceFormat);
    if (result.issues.length > 0) throw validationFailed(result.issues, result.truncated);
    const fields = Object.assign(
      {},
      ...(await Promise.all((this.parts.checks ?? []).map((check) => check.fields?.(command.type, command.data) ?? {}))),
    );
    const now = this.now();
    const origin = command.origin ?? { channel: 'enterprise' };
    const submitted: TradeDocument = {
      id: randomUUID(),
      reference: await this.nextReference(now),
      type: command.type,
      schemaVersion: SCHEMA_VERSION,
      enterpriseId: command.enterpriseId,
      status: 'SUBMITTED',
      data: command.data,
      sourceFormat: command.sourceFormat,
      origin,
      submittedAt: now,
      updatedAt: now,
      version: 1,
      history: [
        {
          at: now,
          actor: origin.channel === 'partner' ? `partner:${origin.partnerCountry}` : `enterprise:${command.enterpriseId}`,
          from: null,
          to: 'SUBMITTED',
        },
      ],
      outbox: [],
      ...fields,
      ...(command.idempotencyToken === undefined ? {} : { idempotencyToken: command.idempotencyToken }),
    };
    const plan = this.parts.planner.plan(submitted);
    const document: TradeDocument = {
      ...submitted,
      status: plan.status ?? submitted.status,
      history: [...submitted.history, ...(plan.history ?? [])],
      outbox: plan.outbox,
      ...(plan.routing === undefined ? {} : { routing: plan.routing }),
    };
    await this.parts.store.insert(document);
    this.parts.onStored?.(document);
    return document;
  }

  /** The enterprise's own document; another enterprise's answers exactly like a missing one. */
  async get(enterpriseId: string, id: string): Promise<TradeDocument> {
    // Ids that cannot exist are not even looked up; they answer like any missing document.
    const document = DOCUMENT_ID.test(id) ? await this.parts.store.findOwned(enterpriseId, id) : undefined;
    if (!document) throw notFound('The document', NOT_FOUND);
    return document;
  }

  async list(
    enterpriseId: string,
    filter: DocumentFilter,
    page: { cursor?: string; limit: number },
  ): Promise<{ items: DocumentSummary[]; nextCursor?: string }> {
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    // One more than asked says whether another page exists without counting.
    const items = await this.parts.store.list(enterpriseId, filter, { ...(after ? { after } : {}), limit: page.limit + 1 });
    if (items.length <= page.limit) return { items };
    const shown = items.slice(0, page.limit);
    const last = shown[shown.length - 1]!;
    return { items: shown, nextCursor: encodeCursor({ submittedAt: last.submittedAt, id: last.id }) };
  }

  /** `VNSW-2026-00000123`: prefix, year of submission (UTC), a per-year sequence. */
  private async nextReference(now: Date): Promise<string> {
    const year = now.getUTCFullYear();
    const sequence = await this.parts.references.next(`document-reference:${year}`);
    return `${this.parts.referencePrefix}-${year}-${String(sequence).padStart(8, '0')}`;
  }
}
