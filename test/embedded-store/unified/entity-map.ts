import {
  MongoClient,
  ReadPreference,
  type Collection,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  type MongoClientOptions,
} from 'mongodb';
import type { Doc, EntityDescription } from './unified-format.js';
import { plainValues } from './unified-values.js';

export type ObservedEvent =
  | { kind: 'commandStartedEvent'; event: CommandStartedEvent }
  | { kind: 'commandSucceededEvent'; event: CommandSucceededEvent }
  | { kind: 'commandFailedEvent'; event: CommandFailedEvent };

export interface ClientEntity {
  readonly client: MongoClient;
  readonly events: ObservedEvent[];
}

/** Commands whose events drivers redact, and the fail point's own, which tests never expect. */
const NEVER_OBSERVED = new Set([
  'authenticate',
  'saslStart',
  'saslContinue',
  'getnonce',
  'createUser',
  'updateUser',
  'copydbgetnonce',
  'copydbsaslstart',
  'copydb',
  'configureFailPoint',
]);

/** The entities a test's createEntities names: clients (with their observed events), databases, collections. */
export class EntityMap {
  private readonly clients = new Map<string, ClientEntity>();
  private readonly databases = new Map<string, Db>();
  private readonly collections = new Map<string, Collection<Doc>>();

  constructor(private readonly uri: string) {}

  async create(descriptions: EntityDescription[]): Promise<void> {
    for (const description of descriptions) {
      const [kind, ...more] = Object.keys(description);
      if (more.length > 0 || !kind) throw new Error(`an entity has exactly one type: ${Object.keys(description).join(', ')}`);
      if (description.client) await this.createClient(description.client);
      else if (description.database) this.createDatabase(description.database);
      else if (description.collection) this.createCollection(description.collection);
      else throw new Error(`the runner does not support ${kind} entities`);
    }
  }

  client(id: string): ClientEntity {
    return found(this.clients.get(id), 'client', id);
  }

  database(id: string): Db {
    return found(this.databases.get(id), 'database', id);
  }

  collection(id: string): Collection<Doc> {
    return found(this.collections.get(id), 'collection', id);
  }

  kindOf(id: string): 'client' | 'database' | 'collection' | undefined {
    if (this.clients.has(id)) return 'client';
    if (this.databases.has(id)) return 'database';
    if (this.collections.has(id)) return 'collection';
    return undefined;
  }

  /** Events stop counting when the operations end: closing a client sends endSessions. */
  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    for (const { client } of clients) client.removeAllListeners();
    await Promise.all(clients.map(({ client }) => client.close()));
  }

  private async createClient(description: NonNullable<EntityDescription['client']>): Promise<void> {
    const uriOptions = plainValues(description.uriOptions ?? {}) as Doc;
    const options: MongoClientOptions = { monitorCommands: true, ...clientOptions(uriOptions) };
    const client = new MongoClient(this.uri, options);
    const entity: ClientEntity = { client, events: [] };
    const observed = new Set(description.observeEvents ?? []);
    const ignored = new Set(description.ignoreCommandMonitoringEvents ?? []);
    const record = (kind: ObservedEvent['kind']) => (event: CommandStartedEvent | CommandSucceededEvent | CommandFailedEvent) => {
      if (!observed.has(kind) || ignored.has(event.commandName) || NEVER_OBSERVED.has(event.commandName)) return;
      entity.events.push({ kind, event } as ObservedEvent);
    };
    client.on('commandStarted', record('commandStartedEvent'));
    client.on('commandSucceeded', record('commandSucceededEvent'));
    client.on('commandFailed', record('commandFailedEvent'));
    await client.connect();
    this.clients.set(description.id, entity);
  }

  private createDatabase(description: NonNullable<EntityDescription['database']>): void {
    const client = this.client(description.client).client;
    this.databases.set(description.id, client.db(description.databaseName, readWriteOptions(description.databaseOptions)));
  }

  private createCollection(description: NonNullable<EntityDescription['collection']>): void {
    const db = this.database(description.database);
    this.collections.set(description.id, db.collection<Doc>(description.collectionName, readWriteOptions(description.collectionOptions)));
  }
}

function found<T>(entity: T | undefined, kind: string, id: string): T {
  if (entity === undefined) throw new Error(`no ${kind} entity named ${id}`);
  return entity;
}

/** URI options as the driver's constructor takes them (w, readConcernLevel, retryReads...). */
function clientOptions(uriOptions: Doc): MongoClientOptions {
  const { w, readConcernLevel, ...rest } = uriOptions;
  return {
    ...rest,
    ...(w !== undefined ? { writeConcern: { w: w as number | 'majority' } } : {}),
    ...(readConcernLevel !== undefined ? { readConcern: { level: readConcernLevel as 'local' } } : {}),
  };
}

export function readWriteOptions(options: Doc | undefined): Doc {
  if (!options) return {};
  const { readPreference, ...rest } = plainValues(options) as Doc;
  return { ...rest, ...(readPreference ? { readPreference: toReadPreference(readPreference as Doc) } : {}) };
}

export function toReadPreference(description: Doc): ReadPreference {
  const { mode, tagSets, ...options } = description;
  return new ReadPreference(mode as 'primary', tagSets as never, options);
}
