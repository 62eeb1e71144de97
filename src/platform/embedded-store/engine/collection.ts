import { ObjectId, type Binary, type Document } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { CollectionIndex } from './collection-index.js';
import { formatDuplicateKey } from './format-duplicate-key.js';
import { encodeKeyValue, type IndexKey } from './index-keys.js';
import { ID_INDEX_SPEC, sameKey, sameOptions, type IndexSpec } from './index-spec.js';
import { checkStorableId } from './storable-id.js';
import type { RecordSink } from './store-record.js';
import { trackExpiry, TtlQueue } from './ttl-queue.js';

/** Replay trusts the journal: constraints were checked when the write was first accepted. */
export interface WriteMode {
  readonly trusted?: boolean;
}

/**
 * One collection: documents in a Map keyed by the canonical encoding of their _id, plus
 * secondary hash indexes. Stored documents are never mutated: a write replaces the object,
 * which lets cursors, snapshots and the TTL queue hold plain references safely.
 */
export class Collection {
  readonly docs = new Map<string, Document>();
  private readonly indexes = new Map<string, CollectionIndex>();
  private ttl: TtlQueue | undefined;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly uuid: Binary,
    private readonly emit: RecordSink,
  ) {}

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  getById(id: unknown): Document | undefined {
    return this.docs.get(encodeKeyValue(id));
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX_SPEC, ...[...this.indexes.values()].map((index) => index.spec)];
  }

  secondaryIndexes(): Iterable<CollectionIndex> {
    return this.indexes.values();
  }

  insert(input: Document, mode: WriteMode = {}): Document {
    const doc = withIdFirst(input);
    if (!mode.trusted) checkStorableId(doc._id);
    const id = encodeKeyValue(doc._id);
    if (!mode.trusted && this.docs.has(id)) throw this.duplicateIdError(doc._id);
    const keys = this.keysFor(id, doc, mode);
    for (const [index, indexKeys] of keys) index.add(id, indexKeys);
    this.docs.set(id, doc);
    this.track(id, doc);
    this.emit({ op: 'put', db: this.db, coll: this.name, doc });
    return doc;
  }

  replace(previous: Document, next: Document, mode: WriteMode = {}): void {
    const id = encodeKeyValue(previous._id);
    const keys = this.keysFor(id, next, mode, (index) => !index.unchangedBetween(previous, next));
    for (const [index, newKeys] of keys) {
      const oldKeys = index.keysOf(previous);
      if (sameEncodings(oldKeys, newKeys)) continue;
      index.remove(id, oldKeys);
      index.add(id, newKeys);
    }
    this.docs.set(id, next);
    this.track(id, next);
    this.emit({ op: 'put', db: this.db, coll: this.name, doc: next });
  }

  remove(doc: Document): void {
    const id = encodeKeyValue(doc._id);
    if (!this.docs.has(id)) return;
    for (const index of this.indexes.values()) index.remove(id, index.keysOf(doc));
    this.docs.delete(id);
    this.emit({ op: 'del', db: this.db, coll: this.name, id: doc._id });
  }

  /** Returns false when an identical index already exists. */
  createIndex(spec: IndexSpec, mode: WriteMode = {}): boolean {
    if (sameKey(spec, ID_INDEX_SPEC) && (spec.name === '_id_' || spec.unique)) return false;
    for (const existing of this.indexSpecs()) {
      if (existing.name === spec.name) {
        if (sameKey(existing, spec) && sameOptions(existing, spec)) return false;
        if (!sameKey(existing, spec))
          throw new CommandError(86, `An existing index has the same name as the requested index but a different key: ${existing.name}`);
        throw new CommandError(
          85,
          `An equivalent index already exists with the same name but different options. Requested index: ${spec.name}`,
        );
      }
      if (sameKey(existing, spec) && sameOptions(existing, spec)) {
        throw new CommandError(85, `Index already exists with a different name: ${existing.name}`);
      }
    }
    const index = new CollectionIndex(spec);
    for (const [id, doc] of this.docs) {
      const keys = index.keysOf(doc);
      const conflict = mode.trusted ? undefined : index.findConflict(id, keys);
      if (conflict) throw index.duplicateKeyError(this.namespace, conflict);
      index.add(id, keys);
    }
    this.indexes.set(spec.name, index);
    if (spec.expireAfterSeconds !== undefined) this.rebuildTtl();
    this.emit({ op: 'createIndex', db: this.db, coll: this.name, spec });
    return true;
  }

  dropIndex(name: string): void {
    if (name === '_id_') throw new CommandError(72, 'cannot drop _id index');
    const index = this.indexes.get(name);
    if (!index) throw new CommandError(27, `index not found with name [${name}]`);
    this.indexes.delete(name);
    if (index.spec.expireAfterSeconds !== undefined) this.rebuildTtl();
    this.emit({ op: 'dropIndex', db: this.db, coll: this.name, name });
  }

  findIndexByKey(key: Document): CollectionIndex | undefined {
    const probe: IndexSpec = { v: 2, key, name: '' };
    return [...this.indexes.values()].find((index) => sameKey(index.spec, probe));
  }

  /** Deletes documents whose TTL has passed; returns how many. */
  sweepExpired(now: number): number {
    let removed = 0;
    for (let entry = this.ttl?.popDue(now); entry; entry = this.ttl?.popDue(now)) {
      if (this.docs.get(entry.id) !== entry.doc) continue;
      this.remove(entry.doc);
      removed++;
    }
    return removed;
  }

  private keysFor(
    id: string,
    doc: Document,
    mode: WriteMode,
    affected: (index: CollectionIndex) => boolean = () => true,
  ): Map<CollectionIndex, IndexKey[]> {
    const keys = new Map<CollectionIndex, IndexKey[]>();
    for (const index of this.indexes.values()) {
      if (!affected(index)) continue;
      const indexKeys = index.keysOf(doc);
      const conflict = mode.trusted ? undefined : index.findConflict(id, indexKeys);
      if (conflict) throw index.duplicateKeyError(this.namespace, conflict);
      keys.set(index, indexKeys);
    }
    return keys;
  }

  private track(id: string, doc: Document): void {
    if (this.ttl) trackExpiry(this.ttl, this.ttlIndexes(), id, doc);
  }

  private ttlIndexes(): CollectionIndex[] {
    return [...this.indexes.values()].filter((index) => index.spec.expireAfterSeconds !== undefined);
  }

  private rebuildTtl(): void {
    const ttlIndexes = this.ttlIndexes();
    this.ttl = ttlIndexes.length > 0 ? new TtlQueue() : undefined;
    if (this.ttl) for (const [id, doc] of this.docs) trackExpiry(this.ttl, ttlIndexes, id, doc);
  }

  private duplicateIdError(id: unknown): CommandError {
    const keyValue = { _id: id };
    const message = `E11000 duplicate key error collection: ${this.namespace} index: _id_ dup key: ${formatDuplicateKey(keyValue)}`;
    return new CommandError(11000, message, { keyPattern: { _id: 1 }, keyValue });
  }
}

/** MongoDB stores _id as the first field and assigns an ObjectId when the client did not. */
function withIdFirst(doc: Document): Document {
  const { _id, ...rest } = doc;
  if (_id === undefined) return { _id: new ObjectId(), ...rest };
  if (Array.isArray(_id)) throw new CommandError(53, "The '_id' value cannot be of type array");
  if (_id instanceof RegExp) throw new CommandError(53, "The '_id' value cannot be of type regex");
  return Object.keys(doc)[0] === '_id' ? doc : { _id, ...rest };
}

function sameEncodings(a: readonly IndexKey[], b: readonly IndexKey[]): boolean {
  return a.length === b.length && a.every((key, i) => key.encoded === b[i]!.encoded);
}
