import type { Document } from 'bson';
import type { CommandContext, CommandDefinition } from './command-context.js';

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
/** MongoDB 7.0. Drivers pick their protocol features from this. */
const MAX_WIRE_VERSION = 21;

/**
 * A standalone server: writable primary, no replica set name (so no transactions or
 * retryable writes), sessions advertised so drivers attach lsid as they would in production.
 * No topologyVersion either, which keeps the driver's monitor on plain polling rather than
 * the streaming (exhaust) protocol.
 */
function describeServer(context: CommandContext): Document {
  return {
    helloOk: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connection.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

export const helloCommand: CommandDefinition = {
  run: (_command, _db, context) => ({ isWritablePrimary: true, ...describeServer(context) }),
};

export const isMasterCommand: CommandDefinition = {
  run: (_command, _db, context) => ({ ismaster: true, ...describeServer(context) }),
};
