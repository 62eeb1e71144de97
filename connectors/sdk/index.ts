export { createAgencyConnector, PermanentError, type AgencyConnector, type AgencyConnectorOptions, type DecisionReply } from './agency-connector.js';
export { UndecodableWorkError, type AgencyWorkItem, type XmlDecoder } from './agency-work-item.js';
export { documentXmlDecoder } from './document-codec.js';
