/**
 * The AMQP contract between the single window, ministries' connectors and the SDK:
 * names, message bodies and the redelivery convention. It imports nothing of the
 * service, so the SDK can be handed to a ministry with it.
 */
export * from './agency-work.js';
export * from './amqp-names.js';
export * from './decision-message.js';
export * from './document-types.js';
export * from './message.js';
export * from './queue-topology.js';
export * from './redelivery.js';
export * from './status-event.js';
