import { randomUUID } from 'node:crypto';
import type { TradeDocument } from '../kernel/document-record.js';
import { DomainError, notFound } from '../kernel/errors/domain-error.js';
import type { ValidationIssue } from '../kernel/validation-issue.js';
import { assessCitations } from './assess-citations.js';
import { entryFromDocument } from './entry-from-document.js';
import { citationsOf, type Declaration } from './register-citations.js';
import { registerKey, type RegisterEntry, type RegisterMovement } from './register-entry.js';
import type { GuardedChange, RegisterFilter, RegisterStore } from './register-store.js';
import { toThousandths } from './quantities.js';

export interface EntryAmendment {
  validFrom?: string;
  validTo?: string;
  goods?: { line: number; quantity: number }[];
  reason: string;
}

const MAX_ATTEMPTS = 10;
const NOT_FOUND = () => notFound('The register entry', 'REGISTER.ENTRY_NOT_FOUND');

/**
 * The register of licences and certificates the window issued: entered on
 * approval, checked when a declaration cites them, drawn down when customs
 * approves the declaration, revoked or amended by the issuing agency.
 */
export class RegisterService {
  constructor(
    private readonly store: RegisterStore,
    /** Citations of documents issued before this day that have no entry are paper licences: references only. */
    private readonly registerSince: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Enters an approved licence or certificate; idempotent (a second call finds the key taken). */
  async issue(document: TradeDocument): Promise<void> {
    const entry = entryFromDocument(document, this.now());
    if (entry) await this.store.insert(entry);
  }

  /** The lodging check of a declaration's citations, as validation issues. */
  async check(type: string, data: Record<string, unknown>): Promise<ValidationIssue[]> {
    if (type !== 'customs-declaration') return [];
    const declaration = data as unknown as Declaration;
    return assessCitations(declaration, await this.citedEntries(declaration), this.registerSince).issues;
  }

  /** The entries a declaration cites, as they are now. */
  async citedBy(document: Pick<TradeDocument, 'type' | 'data'>): Promise<RegisterEntry[]> {
    if (document.type !== 'customs-declaration') return [];
    return [...(await this.citedEntries(document.data as unknown as Declaration)).values()];
  }

  /**
   * Draws what an approved declaration takes from each entry it cites, one
   * conditional update per entry. When one cannot give it (revoked, expired, used
   * up meanwhile), what was drawn from the others is given back and the refusal
   * says why. A declaration that drew before (a redelivered approval) draws nothing more.
   */
  async take(document: TradeDocument): Promise<{ refusal?: string }> {
    if (document.type !== 'customs-declaration') return {};
    const declaration = document.data as unknown as Declaration;
    const drawnBefore = (entry: RegisterEntry) => entry.activeDraws[document.id] !== undefined;
    // Judged as if this declaration's own earlier draws were not there, so a redelivery is not refused by them.
    const { issues, demands } = assessCitations(
      declaration,
      withoutDrawsOf(document.id, await this.citedEntries(declaration)),
      this.registerSince,
    );
    if (issues.length > 0) return { refusal: refusalOf(issues) };
    for (const { entry, lines } of demands.values()) {
      const draw: RegisterMovement = {
        id: randomUUID(),
        kind: 'DRAW',
        declarationId: document.id,
        declarationReference: document.reference,
        lines: [...lines].filter(([, thousandths]) => thousandths > 0).map(([line, thousandths]) => ({ line, thousandths })),
        at: this.now(),
      };
      if (draw.lines.length === 0 || (await this.store.draw(entry.id, draw))) continue;
      const current = await this.store.get(entry.id);
      if (current && drawnBefore(current)) continue;
      // Another declaration took the balance (or the agency revoked) since the read: undo ours, say why.
      await this.giveBack(document, 'compensation: another cited entry could not be drawn');
      const now = assessCitations(
        declaration,
        withoutDrawsOf(document.id, await this.citedEntries(declaration)),
        this.registerSince,
      ).issues;
      return {
        refusal: refusalOf(
          now.length > 0
            ? now
            : [
                {
                  pointer: '',
                  code: 'REGISTER_REF.BALANCE_EXCEEDED',
                  message: `${entry.issuingAgency} ${entry.number} no longer has what the declaration asks`,
                },
              ],
        ),
      };
    }
    return {};
  }

  /** Gives back every draw the declaration holds, each with a reversal movement; idempotent. */
  async giveBack(
    document: Pick<TradeDocument, 'id' | 'reference' | 'type' | 'data'>,
    reason = 'the declaration was not approved',
  ): Promise<void> {
    for (const entry of await this.citedBy(document)) {
      await this.guarded(entry.id, (current) => {
        const drawId = current.activeDraws[document.id];
        const draw = drawId === undefined ? undefined : current.movements.find((m) => m.id === drawId);
        if (!draw) return undefined;
        const at = this.now();
        const reversal: RegisterMovement = {
          id: randomUUID(),
          kind: 'REVERSAL',
          declarationId: document.id,
          declarationReference: document.reference,
          lines: draw.lines,
          at,
          reverses: draw.id,
          reason,
        };
        return {
          balances: draw.lines.map((l) => ({ line: l.line, remaining: l.thousandths })),
          releaseDraw: document.id,
          movements: [reversal],
          set: { updatedAt: at },
        };
      });
    }
  }

  async revoke(agency: string, id: string, reason: string): Promise<RegisterEntry> {
    await this.issuedBy(agency, id);
    return this.guarded(id, (entry) => {
      if (entry.status === 'REVOKED') return undefined;
      const at = this.now();
      return { set: { status: 'REVOKED', updatedAt: at }, changes: [{ at, actor: `agency:${agency}`, action: 'REVOKED', reason }] };
    });
  }

  /** Changes validity dates or granted quantities; a quantity may not fall below what is drawn already. */
  async amend(agency: string, id: string, amendment: EntryAmendment): Promise<RegisterEntry> {
    await this.issuedBy(agency, id);
    return this.guarded(id, (entry) => {
      if (entry.status === 'REVOKED') throw new DomainError('REGISTER.ENTRY_REVOKED', `${entry.number} is revoked and cannot be amended`);
      const validFrom = amendment.validFrom ?? entry.validFrom;
      const validTo = amendment.validTo ?? entry.validTo;
      if (validTo !== undefined && validTo < validFrom)
        throw new DomainError('REGISTER.INVALID_CHANGE', `valid to ${validTo} is before valid from ${validFrom}`);
      const balances: NonNullable<GuardedChange['balances']> = [];
      for (const { line, quantity } of amendment.goods ?? []) {
        const goods = entry.goods.find((g) => g.line === line);
        if (!goods || goods.grantedThousandths === undefined)
          throw new DomainError('REGISTER.INVALID_CHANGE', `${entry.number} has no goods line ${line} with a quantity`);
        const granted = toThousandths(quantity);
        const drawn = goods.grantedThousandths - goods.remainingThousandths!;
        if (granted < drawn)
          throw new DomainError(
            'REGISTER.BELOW_DRAWN',
            `line ${line} has ${drawn / 1000} ${goods.unit} drawn already; it cannot be granted ${quantity}`,
            { details: { line, drawn: drawn / 1000 } },
          );
        balances.push({ line, remaining: granted - goods.grantedThousandths, granted: granted - goods.grantedThousandths });
      }
      const at = this.now();
      const { reason, ...changes } = amendment;
      return {
        set: { validFrom, ...(validTo === undefined ? {} : { validTo }), updatedAt: at },
        balances,
        changes: [{ at, actor: `agency:${agency}`, action: 'AMENDED', reason, changes }],
      };
    });
  }

  /** An entry the enterprise lodged the application for; any other answers as missing. */
  async getForEnterprise(enterpriseId: string, id: string): Promise<RegisterEntry> {
    const entry = await this.store.get(id);
    if (!entry || entry.enterpriseId !== enterpriseId) throw NOT_FOUND();
    return entry;
  }

  async issuedBy(agency: string, id: string): Promise<RegisterEntry> {
    const entry = await this.store.get(id);
    if (!entry || entry.issuingAgency !== agency) throw NOT_FOUND();
    return entry;
  }

  list(filter: RegisterFilter, page: { limit: number; afterKey?: string }): Promise<RegisterEntry[]> {
    return this.store.list(filter, page);
  }

  private async citedEntries(declaration: Declaration): Promise<Map<string, RegisterEntry>> {
    const keys = [...new Set(citationsOf(declaration).map((c) => registerKey(c.issuingAgency, c.number)))];
    return new Map((await this.store.findByKeys(keys)).map((entry) => [entry.key, entry]));
  }

  /** Read, decide, write guarded by the version; re-decides on a conflict. `decide` returning undefined: nothing to do. */
  private async guarded(id: string, decide: (entry: RegisterEntry) => GuardedChange | undefined): Promise<RegisterEntry> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const entry = await this.store.get(id);
      if (!entry) throw NOT_FOUND();
      const change = decide(entry);
      if (!change || (await this.store.change(id, entry.version, change))) return change ? ((await this.store.get(id)) ?? entry) : entry;
    }
    throw new DomainError('REGISTER.BUSY', 'The register entry is being changed by others; try again', { details: { id } });
  }
}

/** The entries with this declaration's active draw added back to their balances. */
function withoutDrawsOf(declarationId: string, entries: Map<string, RegisterEntry>): Map<string, RegisterEntry> {
  return new Map(
    [...entries].map(([key, entry]) => {
      const draw = entry.movements.find((m) => m.id === entry.activeDraws[declarationId]);
      if (!draw) return [key, entry];
      const back = new Map(draw.lines.map((l) => [l.line, l.thousandths]));
      const goods = entry.goods.map((g) =>
        back.has(g.line) ? { ...g, remainingThousandths: g.remainingThousandths! + back.get(g.line)! } : g,
      );
      return [key, { ...entry, goods, activeDraws: {} }];
    }),
  );
}

function refusalOf(issues: ValidationIssue[]): string {
  return issues
    .map((issue) => issue.message)
    .join('; ')
    .slice(0, 1000);
}
