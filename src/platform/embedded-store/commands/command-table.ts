import { aggregateCommand } from './aggregate-command.js';
import { collStatsCommand, createCommand, dropCommand, listCollectionsCommand } from './collection-commands.js';
import type { CommandTable } from './command-context.js';
import { countCommand, distinctCommand } from './count-distinct-commands.js';
import { getMoreCommand, killCursorsCommand } from './cursor-commands.js';
import { dbStatsCommand, dropDatabaseCommand, listDatabasesCommand } from './database-commands.js';
import { deleteCommand } from './delete-command.js';
import {
  buildInfoCommand,
  connectionStatusCommand,
  endSessionsCommand,
  getLogCommand,
  getParameterCommand,
  hostInfoCommand,
  pingCommand,
  serverStatusCommand,
  whatsMyUriCommand,
} from './diagnostic-commands.js';
import { findAndModifyCommand } from './find-and-modify-command.js';
import { findCommand } from './find-command.js';
import { helloCommand, isMasterCommand } from './handshake-commands.js';
import { createIndexesCommand, dropIndexesCommand, listIndexesCommand } from './index-commands.js';
import { insertCommand } from './insert-command.js';
import { updateCommand } from './update-command.js';

/** Names are case-sensitive, with the lower-case aliases mongod itself still accepts. */
export const COMMANDS: CommandTable = {
  hello: helloCommand,
  isMaster: isMasterCommand,
  ismaster: isMasterCommand,
  ping: pingCommand,
  buildInfo: buildInfoCommand,
  buildinfo: buildInfoCommand,
  getParameter: getParameterCommand,
  getLog: getLogCommand,
  hostInfo: hostInfoCommand,
  whatsmyuri: whatsMyUriCommand,
  connectionStatus: connectionStatusCommand,
  serverStatus: serverStatusCommand,
  endSessions: endSessionsCommand,
  killAllSessions: endSessionsCommand,
  killSessions: endSessionsCommand,
  insert: insertCommand,
  find: findCommand,
  getMore: getMoreCommand,
  killCursors: killCursorsCommand,
  update: updateCommand,
  delete: deleteCommand,
  findAndModify: findAndModifyCommand,
  findandmodify: findAndModifyCommand,
  count: countCommand,
  distinct: distinctCommand,
  aggregate: aggregateCommand,
  createIndexes: createIndexesCommand,
  listIndexes: listIndexesCommand,
  dropIndexes: dropIndexesCommand,
  deleteIndexes: dropIndexesCommand,
  create: createCommand,
  drop: dropCommand,
  listCollections: listCollectionsCommand,
  listDatabases: listDatabasesCommand,
  dropDatabase: dropDatabaseCommand,
  collStats: collStatsCommand,
  dbStats: dbStatsCommand,
  dbstats: dbStatsCommand,
};
