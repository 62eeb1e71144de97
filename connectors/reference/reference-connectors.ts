import { setTimeout as sleep } from 'node:timers/promises';
import { createAgencyConnector, type AgencyConnector, type SdkLogger, type XmlDecoder } from '../sdk/index.js';
import { decide, delayFor, type DecisionPolicy } from './decision-policy.js';

export interface ReferenceConnectorsOptions {
  amqpUrl: string;
  agencies: string[];
  policy: DecisionPolicy;
  decodeXml?: XmlDecoder;
  retryDelaysMs?: number[];
  prefetch?: number;
  logger?: SdkLogger;
}

/** One reference connector per agency, each deciding by the policy after its processing delay. */
export async function startReferenceConnectors(
  options: ReferenceConnectorsOptions,
): Promise<{ connectors: AgencyConnector[]; stop(): Promise<void> }> {
  const connectors: AgencyConnector[] = [];
  const stop = async () => {
    await Promise.all(connectors.map((connector) => connector.stop()));
  };
  try {
    for (const agency of options.agencies) {
      connectors.push(
        await createAgencyConnector({
          amqpUrl: options.amqpUrl,
          agency,
          ...(options.decodeXml ? { decodeXml: options.decodeXml } : {}),
          prefetch: options.prefetch ?? 16,
          ...(options.retryDelaysMs ? { retry: { delaysMs: options.retryDelaysMs } } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
          handler: async (work) => {
            const delay = delayFor(options.policy, agency);
            if (delay > 0) await sleep(delay);
            return decide(options.policy, work);
          },
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { connectors, stop };
}
