import { UUID, type Binary } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { Collection } from './collection.js';
import { encodeKeyValue } from './index-keys.js';
import type { RecordSink, StoreRecord } from './store-record.js';

const TRUSTED = { trusted: true } as const;

/**
 * Databases and their collections. Every change goes out through the record sink (the
 * journal in durable mode) at the moment it is applied, in order.
 */
export class Catalog {
  private readonly databases = new Map<string, Map<string, Collection>>();
  private replaying = false;

  constructor(private sink: RecordSink = () => undefined) {}

  /** Set once recovery is over, so that replayed records are not journaled again. */
  setSink(sink: RecordSink): void {
    this.sink = sink;
  }

  getCollection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** Implicit creation on first write, as MongoDB does. */
  ensureCollection(db: string, name: string): Collection {
    return this.getCollection(db, name) ?? this.createCollection(db, name);
  }

  createCollection(db: string, name: string, uuid: Binary = new UUID()): Collection {
    validateNamespace(db, name);
    if (this.getCollection(db, name)) throw new CommandError(48, `Collection ${db}.${name} already exists.`);
    const collection = new Collection(db, name, uuid, (record) => this.emit(record));
    let collections = this.databases.get(db);
    if (!collections) this.databases.set(db, (collections = new Map()));
    collections.set(name, collection);
    this.emit({ op: 'createCollection', db, coll: name, uuid });
    return collection;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const collections = this.databases.get(db);
    const collection = collections?.get(name);
    if (!collections || !collection) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    this.emit({ op: 'dropCollection', db, coll: name });
    return collection;
  }

  dropDatabase(db: string): void {
    if (!this.databases.delete(db)) return;
    this.emit({ op: 'dropDatabase', db });
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  collectionsOf(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  *allCollections(): Generator<Collection> {
    for (const collections of this.databases.values()) yield* collections.values();
  }

  /** Recovery: re-applies a journaled or snapshotted record without journaling it again. */
  apply(record: StoreRecord): void {
    this.replaying = true;
    try {
      this.applyRecord(record);
    } finally {
      this.replaying = false;
    }
  }

  private applyRecord(record: StoreRecord): void {
    switch (record.op) {
      case 'createCollection':
        if (!this.getCollection(record.db, record.coll)) this.createCollection(record.db, record.coll, record.uuid);
        return;
      case 'dropCollection':
        this.dropCollection(record.db, record.coll);
        return;
      case 'dropDatabase':
        this.dropDatabase(record.db);
        return;
      case 'createIndex':
        this.ensureCollection(record.db, record.coll).createIndex(record.spec, TRUSTED);
        return;
      case 'dropIndex':
        this.getCollection(record.db, record.coll)?.dropIndex(record.name);
        return;
      case 'put': {
        const collection = this.ensureCollection(record.db, record.coll);
        const previous = collection.docs.get(encodeKeyValue(record.doc._id));
        if (previous) collection.replace(previous, record.doc, TRUSTED);
        else collection.insert(record.doc, TRUSTED);
        return;
      }
      case 'del': {
        const collection = this.getCollection(record.db, record.coll);
        const doc = collection?.getById(record.id);
        if (doc) collection!.remove(doc);
        return;
      }
    }
  }

  private emit(record: StoreRecord): void {
    if (!this.replaying) this.sink(record);
  }
}

const BAD_DB_CHARS = /[/\\. "$*<>:|?\0]/;

function validateNamespace(db: string, name: string): void {
  if (db === '' || db.length > 63 || BAD_DB_CHARS.test(db)) throw new CommandError(73, `Invalid database name: '${db}'`);
  if (name === '' || name.includes('$') || name.includes('\0') || name.startsWith('.') || name.startsWith('system.')) {
    throw new CommandError(73, `Invalid collection name: '${name}'`);
  }
  if (Buffer.byteLength(`${db}.${name}`) > 255) throw new CommandError(73, `Fully qualified namespace is too long: ${db}.${name}`);
}
