export {
  createAgencyConnector,
  PermanentError,
  type AgencyConnector,
  type AgencyConnectorOptions,
  type DecisionReply,
} from './agency-connector.js';
export { UndecodableWorkError, type AgencyWorkItem, type XmlDecoder } from './agency-work-item.js';
export { jsonLineLogger, type SdkLogger } from './sdk-logger.js';
export * from '../../src/kernel/contracts/index.js';
