import { Long } from 'bson';
import { CommandError } from '../errors/command-error.js';
import { isBsonValue } from '../engine/index-keys.js';
import { arrayArg, namespaceOf, numberArg } from './command-args.js';
import type { CommandDefinition } from './command-context.js';
import { cursorReply } from './cursor-reply.js';

export const getMoreCommand: CommandDefinition = {
  fields: ['collection', 'batchSize', 'maxTimeMS', 'comment'],
  run(command, db, { cursors }) {
    const id = cursorIdOf(command.getMore, 'getMore');
    if (typeof command.collection !== 'string') throw new CommandError(14, "BSON field 'getMore.collection' is missing or not a string");
    const namespace = namespaceOf(db, command.collection);
    return cursorReply(namespace, cursors.next(id, namespace, numberArg(command, 'batchSize', 0)), false);
  },
};

export const killCursorsCommand: CommandDefinition = {
  fields: ['cursors'],
  run(command, _db, { cursors }) {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of arrayArg(command, 'cursors')) {
      const id = cursorIdOf(raw, 'killCursors.cursors');
      (cursors.kill(id) ? killed : notFound).push(id);
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  },
};

function cursorIdOf(value: unknown, field: string): Long {
  if (isBsonValue(value) && value._bsontype === 'Long') return value as unknown as Long;
  if (typeof value === 'number' && Number.isInteger(value)) return Long.fromNumber(value);
  throw new CommandError(14, `BSON field '${field}' is the wrong type, expected type 'long'`);
}
