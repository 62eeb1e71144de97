import type { MongoClient } from 'mongodb';
import { assertOutcome, loadInitialData } from './collection-data.js';
import { runCollectionOperation, type OperationResult } from './collection-operations.js';
import { runDatabaseOperation } from './database-operations.js';
import { EntityMap } from './entity-map.js';
import { assertExpectedError } from './expected-error.js';
import { assertExpectedEvents } from './expected-events.js';
import type { Doc, Operation, UnifiedFile, UnifiedTest } from './unified-format.js';
import { assertDocumentsMatch, assertMatches, describe, MatchError } from './unified-matcher.js';

export interface RunnerContext {
  readonly uri: string;
  /** The runner's own client: sets up initialData and reads outcome. */
  readonly internal: MongoClient;
}

interface FailPoint {
  readonly client: MongoClient;
  readonly name: string;
}

/** One test of a unified file: data, entities, operations in order, then events and outcome. */
export async function runUnifiedTest(context: RunnerContext, file: UnifiedFile, test: UnifiedTest): Promise<void> {
  await dropDatabasesOf(context.internal, file);
  await loadInitialData(context.internal, file.initialData ?? []);
  const entities = new EntityMap(context.uri);
  const failPoints: FailPoint[] = [];
  try {
    await entities.create(file.createEntities ?? []);
    for (const [i, operation] of test.operations.entries()) {
      await runOperation(entities, operation, failPoints).catch((error: unknown) => {
        if (error instanceof Error) error.message = `operations[${i}] ${operation.name}: ${error.message}`;
        throw error;
      });
    }
    assertExpectedEvents(test.expectEvents ?? [], entities);
  } finally {
    for (const { client, name } of failPoints)
      await client
        .db('admin')
        .command({ configureFailPoint: name, mode: 'off' })
        .catch(() => undefined);
    await entities.close();
  }
  if (test.outcome) await assertOutcome(context.internal, test.outcome);
}

/**
 * Tests share one server: every database the file names starts empty, so no test
 * sees another's collections (a view left behind, an index).
 */
async function dropDatabasesOf(internal: MongoClient, file: UnifiedFile): Promise<void> {
  const names = new Set<string>();
  for (const entity of file.createEntities ?? []) if (entity.database) names.add(entity.database.databaseName);
  for (const data of file.initialData ?? []) names.add(data.databaseName);
  for (const name of names) await internal.db(name).dropDatabase();
}

async function runOperation(entities: EntityMap, operation: Operation, failPoints: FailPoint[]): Promise<void> {
  let result: OperationResult | undefined;
  let failure: unknown;
  try {
    result = await dispatch(entities, operation, failPoints);
  } catch (error) {
    failure = error;
  }
  if (operation.ignoreResultAndError) return;
  if (operation.expectError) {
    if (failure === undefined) throw new MatchError(`expected an error, got ${describe(result?.value)}`);
    return assertExpectedError(operation.expectError, failure);
  }
  if (failure !== undefined) throw failure;
  if (operation.saveResultAsEntity) throw new Error('the runner does not save results as entities');
  if (operation.expectResult === undefined) return;
  if (result?.iterable) assertDocumentsMatch(operation.expectResult, result.value as Doc[]);
  else assertMatches(operation.expectResult, result?.value, true);
}

async function dispatch(entities: EntityMap, operation: Operation, failPoints: FailPoint[]): Promise<OperationResult> {
  if (operation.object === 'testRunner') return runnerOperation(entities, operation, failPoints);
  switch (entities.kindOf(operation.object)) {
    case 'collection':
      return runCollectionOperation(entities.collection(operation.object), operation.name, operation.arguments);
    case 'database':
      return runDatabaseOperation(entities.database(operation.object), operation.name, operation.arguments);
    case 'client':
      throw new Error(`the runner does not support the client operation ${operation.name}`);
    default:
      throw new Error(`no entity named ${operation.object}`);
  }
}

/** failPoint: configureFailPoint through the named client (a server without fail points refuses it). */
async function runnerOperation(entities: EntityMap, operation: Operation, failPoints: FailPoint[]): Promise<OperationResult> {
  if (operation.name !== 'failPoint') throw new Error(`the runner does not support the special operation ${operation.name}`);
  const { client, failPoint } = operation.arguments as { client: string; failPoint: Doc };
  const mongoClient = entities.client(client).client;
  await mongoClient.db('admin').command(failPoint);
  failPoints.push({ client: mongoClient, name: failPoint.configureFailPoint as string });
  return { value: undefined };
}
