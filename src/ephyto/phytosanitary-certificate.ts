/**
 * The canonical phytosanitary certificate as the SPS codec reads and writes it;
 * schemas/phytosanitary-certificate/v1.json is the authority (this mirrors it).
 */
export interface Measure {
  value: number;
  unit?: string;
}

export interface Note {
  subject: string;
  content: string;
}

export interface Party {
  name: string;
  taxId?: string;
  taxIdScheme?: string;
  address?: { street?: string; additionalLines?: string[]; city?: string; subdivision?: string; postcode?: string; country?: string };
  contact?: { name: string };
}

export interface Treatment {
  type: string;
  ippcType?: string;
  ippcSubtype?: string;
  chemical?: string;
  concentration?: Measure;
  temperature?: Measure;
  duration?: Measure;
  date: string;
  endDate?: string;
  additionalInformation?: string;
  summary?: string;
}

export interface Commodity {
  description: string;
  botanicalName?: string;
  commonName?: string;
  intendedUse?: string;
  hsCode?: string;
  ippcCommodityClass?: string;
  ippcCommodityCondition?: string;
  quantity?: Measure;
  grossWeight?: Measure;
  packages?: { count: number; kind: string; level?: string; marks?: string };
  placeOfOrigin?: { country: string; region?: string };
  distinguishingMarks?: string;
  additionalDeclarations?: string[];
  notes?: Note[];
  treatments?: Treatment[];
}

export interface PhytosanitaryCertificate {
  certificateNumber: string;
  statusCode?: string;
  language?: string;
  issueDate: string;
  placeOfIssue: string;
  authorisedOfficer?: { name: string };
  certifyingClauses?: string[];
  exportingNppo: { country: string; name: string };
  importingNppo: { country: string };
  consignor: Party;
  consignee: Party;
  placeOfInspection?: string;
  inspectionDate?: string;
  commodities: Commodity[];
  treatments?: Treatment[];
  additionalDeclarations?: string[];
  notes?: Note[];
  transitCountries?: string[];
  meansOfConveyance?: { mode: string; identification?: string; movementId?: string };
  pointOfEntry?: { location?: string; name: string };
}
