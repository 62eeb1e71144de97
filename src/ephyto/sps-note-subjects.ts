/** IPPC ePhyto subject codes of the notes the canonical document names a member for. */
export const NOTE_SUBJECTS = {
  /** Additional declaration, certificate level. */
  additionalDeclaration: 'ADEDL',
  /** Additional declaration, trade line item level. */
  lineAdditionalDeclaration: 'ADTLIL',
  /** Distinguishing marks, trade line item level. */
  lineDistinguishingMarks: 'DMTLIL',
  /** Number of the certificate a replacement replaces. */
  replacedCertificateNumber: 'ADRPN',
  /** Why it was replaced. */
  replacementReason: 'ADRPR',
} as const;

/** ePhyto treatment characteristics (ApplicableSPSProcessCharacteristic, first Description). */
export const TREATMENT_CHARACTERISTICS = {
  ippcType: 'TTL1',
  ippcSubtype: 'TTL2',
  chemical: 'TTCH',
  temperature: 'TTTM',
  concentration: 'TTCO',
  additionalInformation: 'TTAI',
  summary: 'TTFT',
} as const;

/** Classification systems of a trade line item. */
export const CLASSIFICATION_SYSTEMS = { hs: 'HS', ippcClass: 'IPPCPCVP', ippcCondition: 'IPPCPCC' } as const;
