/** The document type names of the v1 contract (DESIGN.md): URLs, XML root elements, AMQP `type` properties. */
export const DOCUMENT_TYPES = ['customs-declaration', 'certificate-of-origin', 'phytosanitary-certificate', 'licence-application'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Where each document type keeps its goods list (the schemas in schemas/<type>/v1.json). */
export const GOODS_FIELD: Record<DocumentType, string> = {
  'customs-declaration': 'goodsItems',
  'certificate-of-origin': 'items',
  'phytosanitary-certificate': 'commodities',
  'licence-application': 'goods',
};
