import type { Db } from 'mongodb';
import type { OperationResult } from './collection-operations.js';
import type { Doc } from './unified-format.js';
import { takeArguments } from './operation-arguments.js';

type Run = (db: Db, args: Doc | undefined) => Promise<OperationResult>;

const OPERATIONS: Record<string, Run> = {
  async aggregate(db, args) {
    const { named, options } = takeArguments(args, ['pipeline']);
    return { value: await db.aggregate(named.pipeline as Doc[], options).toArray(), iterable: true };
  },
  async createCollection(db, args) {
    const { named, options } = takeArguments(args, ['collection']);
    await db.createCollection(named.collection as string, options);
    return { value: undefined };
  },
  async dropCollection(db, args) {
    const { named, options } = takeArguments(args, ['collection']);
    await db.dropCollection(named.collection as string, options);
    return { value: undefined };
  },
  async modifyCollection(db, args) {
    const { named, options } = takeArguments(args, ['collection']);
    return { value: await db.command({ collMod: named.collection, ...options }) };
  },
  async runCommand(db, args) {
    const { named } = takeArguments(args, ['command', 'commandName']);
    return { value: await db.command(named.command as Doc) };
  },
};

export function runDatabaseOperation(db: Db, name: string, args: Doc | undefined): Promise<OperationResult> {
  const run = OPERATIONS[name];
  if (!run) throw new Error(`the runner does not support the database operation ${name}`);
  return run(db, args);
}
