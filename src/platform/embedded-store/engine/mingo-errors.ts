import { CommandError } from '../errors/command-error.js';

/**
 * Runs mingo and turns its errors (unknown operator, bad expression...) into the error a
 * client expects from a server, instead of letting them crash the connection.
 */
export function withMingo<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw toCommandError(error);
  }
}

function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes("would modify the immutable field '_id'")) return new CommandError(66, message);
  const unknownStage = /unregistered pipeline operator (\$\w+)/.exec(message);
  if (unknownStage) return new CommandError(40324, `Unrecognized pipeline stage name: '${unknownStage[1]}'`);
  const unknownOperator = /unknown (?:query|projection|expression)? ?operator:? '?(\$\w+)/i.exec(message);
  if (unknownOperator) return new CommandError(2, `unknown operator: ${unknownOperator[1]}`);
  return new CommandError(2, message);
}
