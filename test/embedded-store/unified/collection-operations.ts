import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { Doc } from './unified-format.js';
import { takeArguments, toWriteModel } from './operation-arguments.js';
import { bulkWriteResult, updateResult } from './operation-results.js';
import { plainValues } from './unified-values.js';

export interface OperationResult {
  readonly value: unknown;
  /** find and aggregate: each document is matched as a root-level document. */
  readonly iterable?: boolean;
}

type Run = (collection: Collection<Doc>, args: Doc | undefined) => Promise<OperationResult>;

/** Collection methods of the CRUD spec, called the way the driver exposes them. */
const OPERATIONS: Record<string, Run> = {
  async insertOne(collection, args) {
    const { named, options } = takeArguments(args, ['document']);
    const result = await collection.insertOne(named.document as Doc, options);
    return { value: { insertedId: result.insertedId } };
  },
  async insertMany(collection, args) {
    const { named, options } = takeArguments(args, ['documents']);
    const result = await collection.insertMany(named.documents as Doc[], options);
    return { value: { insertedCount: result.insertedCount, insertedIds: result.insertedIds } };
  },
  async updateOne(collection, args) {
    const { named, options } = takeArguments(args, ['filter', 'update']);
    return { value: updateResult(await collection.updateOne(named.filter as Doc, named.update as Doc, options)) };
  },
  async updateMany(collection, args) {
    const { named, options } = takeArguments(args, ['filter', 'update']);
    return { value: updateResult(await collection.updateMany(named.filter as Doc, named.update as Doc, options)) };
  },
  async replaceOne(collection, args) {
    const { named, options } = takeArguments(args, ['filter', 'replacement']);
    return { value: updateResult(await collection.replaceOne(named.filter as Doc, named.replacement as Doc, options)) };
  },
  async deleteOne(collection, args) {
    const { named, options } = takeArguments(args, ['filter']);
    return { value: { deletedCount: (await collection.deleteOne(named.filter as Doc, options)).deletedCount } };
  },
  async deleteMany(collection, args) {
    const { named, options } = takeArguments(args, ['filter']);
    return { value: { deletedCount: (await collection.deleteMany(named.filter as Doc, options)).deletedCount } };
  },
  async find(collection, args) {
    const { named, options } = takeArguments(args, ['filter']);
    return { value: await collection.find(named.filter as Doc, options).toArray(), iterable: true };
  },
  async findOne(collection, args) {
    const { named, options } = takeArguments(args, ['filter']);
    return { value: await collection.findOne(named.filter as Doc, options) };
  },
  async aggregate(collection, args) {
    const { named, options } = takeArguments(args, ['pipeline']);
    return { value: await collection.aggregate(named.pipeline as Doc[], options).toArray(), iterable: true };
  },
  async countDocuments(collection, args) {
    const { named, options } = takeArguments(args, ['filter']);
    return { value: await collection.countDocuments(named.filter as Doc, options) };
  },
  async estimatedDocumentCount(collection, args) {
    const { options } = takeArguments(args, []);
    return { value: await collection.estimatedDocumentCount(options) };
  },
  async count(collection, args) {
    const { named, options } = takeArguments(args, ['filter']);
    return { value: await collection.count(named.filter as Doc, options) };
  },
  async distinct(collection, args) {
    const { named, options } = takeArguments(args, ['fieldName', 'filter']);
    return { value: await collection.distinct(named.fieldName as string, named.filter as Doc, options) };
  },
  async findOneAndUpdate(collection, args) {
    const { named, options } = takeArguments(args, ['filter', 'update']);
    return { value: await collection.findOneAndUpdate(named.filter as Doc, named.update as Doc, options) };
  },
  async findOneAndReplace(collection, args) {
    const { named, options } = takeArguments(args, ['filter', 'replacement']);
    return { value: await collection.findOneAndReplace(named.filter as Doc, named.replacement as Doc, options) };
  },
  async findOneAndDelete(collection, args) {
    const { named, options } = takeArguments(args, ['filter']);
    return { value: await collection.findOneAndDelete(named.filter as Doc, options) };
  },
  async bulkWrite(collection, args) {
    const { named, options } = takeArguments(args, ['requests']);
    const requests = (named.requests as Doc[]).map(toWriteModel) as AnyBulkWriteOperation<Doc>[];
    return { value: bulkWriteResult(await collection.bulkWrite(requests, options)) };
  },
  async createIndex(collection, args) {
    const { named, options } = takeArguments(args, ['keys']);
    return { value: await collection.createIndex(plainValues(named.keys) as never, options) };
  },
};

export function runCollectionOperation(collection: Collection<Doc>, name: string, args: Doc | undefined): Promise<OperationResult> {
  const run = OPERATIONS[name];
  if (!run) throw new Error(`the runner does not support the collection operation ${name}`);
  return run(collection, args);
}
