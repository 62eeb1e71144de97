import type { EntityMap, ObservedEvent } from './entity-map.js';
import type { Doc, ExpectedEvents } from './unified-format.js';
import { assertMatches, MatchError } from './unified-matcher.js';

/** The commands a client sent, in order, against expectEvents (command monitoring only). */
export function assertExpectedEvents(expectations: ExpectedEvents[], entities: EntityMap): void {
  for (const expectation of expectations) {
    if ((expectation.eventType ?? 'command') !== 'command') throw new Error(`the runner does not observe ${expectation.eventType} events`);
    const observed = entities.client(expectation.client).events;
    const enough = expectation.ignoreExtraEvents
      ? observed.length >= expectation.events.length
      : observed.length === expectation.events.length;
    if (!enough) {
      throw new MatchError(
        `expected ${expectation.events.length} events on ${expectation.client}, observed ${observed.length}: ${observed.map(summary).join(', ')}`,
      );
    }
    expectation.events.forEach((expected, i) => assertEvent(expected, observed[i]!, `$.expectEvents[${i}]`));
  }
}

function assertEvent(expected: Doc, observed: ObservedEvent, path: string): void {
  const [kind, ...more] = Object.keys(expected);
  if (!kind || more.length > 0) throw new Error(`${path}: an expected event has exactly one type`);
  if (kind !== observed.kind) throw new MatchError(`${path}: expected ${kind}, observed ${summary(observed)}`);
  const { command, reply, commandName, databaseName, ...rest } = expected[kind] as Doc;
  const unsupported = Object.keys(rest);
  if (unsupported.length > 0) throw new Error(`${path}: the runner does not check ${unsupported.join(', ')}`);
  const event = observed.event as unknown as Doc;
  if (commandName !== undefined && event.commandName !== commandName)
    throw new MatchError(`${path}: expected command ${String(commandName)}, observed ${summary(observed)}`);
  if (databaseName !== undefined && event.databaseName !== databaseName)
    throw new MatchError(`${path}: expected database ${String(databaseName)}, observed ${String(event.databaseName)}`);
  if (command !== undefined) assertMatches(command, event.command, true, `${path}.command`);
  if (reply !== undefined) assertMatches(reply, event.reply, true, `${path}.reply`);
}

function summary(observed: ObservedEvent): string {
  return `${observed.kind}(${observed.event.commandName})`;
}
