/** The categories of supporting document the window issues: a citation of one of these may be a register entry. */
const REGISTER_CATEGORIES = new Set(['LICENCE', 'PERMIT', 'CERTIFICATE', 'CERTIFICATE_OF_ORIGIN', 'PHYTOSANITARY_CERTIFICATE']);
/** Customs numbers name declarations, never licences. */
const NOT_ISSUERS = new Set(['CUSTOMS']);

interface CitedDocument {
  category: string;
  referenceNumber: string;
  issuingAgency?: string;
  issueDate?: string;
}

export interface DeclarationGoodsItem {
  hsCode: string;
  quantity: { value: number; unit: string };
  netMass: number;
  additionalDocuments?: CitedDocument[];
}

export interface Declaration {
  declarationDate: string;
  importer: { taxId?: string };
  exporter: { taxId?: string };
  goodsItems: DeclarationGoodsItem[];
  additionalDocuments?: CitedDocument[];
}

/** A supporting document that names one of our agencies as issuer of a licence or certificate. */
export interface Citation {
  /** JSON Pointer to the citing field (the document's `referenceNumber`). */
  pointer: string;
  issuingAgency: string;
  number: string;
  issueDate?: string;
  /** The goods items it speaks for: its own item, or (cited for the whole declaration) undefined. */
  item?: number;
}

/** Every citation in a declaration that may be a register entry, header-level first. */
export function citationsOf(declaration: Declaration): Citation[] {
  const cited = (documents: CitedDocument[] | undefined, base: string, item?: number): Citation[] =>
    (documents ?? []).flatMap((document, index) =>
      document.issuingAgency && !NOT_ISSUERS.has(document.issuingAgency) && REGISTER_CATEGORIES.has(document.category)
        ? [
            {
              pointer: `${base}/${index}/referenceNumber`,
              issuingAgency: document.issuingAgency,
              number: document.referenceNumber,
              ...(document.issueDate ? { issueDate: document.issueDate } : {}),
              ...(item === undefined ? {} : { item }),
            },
          ]
        : [],
    );
  return [
    ...cited(declaration.additionalDocuments, '/additionalDocuments'),
    ...declaration.goodsItems.flatMap((goods, index) =>
      cited(goods.additionalDocuments, `/goodsItems/${index}/additionalDocuments`, index),
    ),
  ];
}
