import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Commodity, Treatment } from './phytosanitary-certificate.js';
import { CLASSIFICATION_SYSTEMS, NOTE_SUBJECTS, TREATMENT_CHARACTERISTICS } from './sps-note-subjects.js';
import type { SpsWriter } from './sps-writer.js';

/**
 * One commodity as an IncludedSPSTradeLineItem. Real certificates carry treatments
 * per line, so the certificate's treatments are written on every line, before the line's own.
 */
export function writeTradeLineItem(w: SpsWriter, parent: XMLBuilder, commodity: Commodity, sequence: number, shared: Treatment[]): void {
  const line = w.ele(parent, 'IncludedSPSTradeLineItem');
  w.code(line, 'SequenceNumeric', sequence);
  w.text(line, 'Description', commodity.description);
  w.text(line, 'CommonName', commodity.commonName);
  w.text(line, 'ScientificName', commodity.botanicalName);
  w.text(line, 'IntendedUse', commodity.intendedUse);
  w.measure(line, 'NetWeightMeasure', commodity.quantity);
  w.measure(line, 'GrossWeightMeasure', commodity.grossWeight);
  if (commodity.distinguishingMarks !== undefined)
    w.note(line, 'AdditionalInformationSPSNote', NOTE_SUBJECTS.lineDistinguishingMarks, commodity.distinguishingMarks);
  for (const declaration of commodity.additionalDeclarations ?? [])
    w.note(line, 'AdditionalInformationSPSNote', NOTE_SUBJECTS.lineAdditionalDeclaration, declaration);
  for (const note of commodity.notes ?? []) w.note(line, 'AdditionalInformationSPSNote', note.subject, note.content);
  classification(w, line, CLASSIFICATION_SYSTEMS.hs, commodity.hsCode, 'ClassCode');
  classification(w, line, CLASSIFICATION_SYSTEMS.ippcClass, commodity.ippcCommodityClass, 'ClassName');
  classification(w, line, CLASSIFICATION_SYSTEMS.ippcCondition, commodity.ippcCommodityCondition, 'ClassName');
  if (commodity.packages) {
    const pkg = w.ele(line, 'PhysicalSPSPackage');
    w.code(pkg, 'LevelCode', commodity.packages.level ?? '1');
    w.code(pkg, 'TypeCode', commodity.packages.kind);
    w.code(pkg, 'ItemQuantity', commodity.packages.count);
    if (commodity.packages.marks !== undefined) w.text(w.ele(pkg, 'PhysicalSPSShippingMarks'), 'Marking', commodity.packages.marks);
  }
  if (commodity.placeOfOrigin) {
    const origin = w.ele(line, 'OriginSPSCountry');
    w.code(origin, 'ID', commodity.placeOfOrigin.country);
    if (commodity.placeOfOrigin.region !== undefined)
      w.text(w.ele(origin, 'SubordinateSPSCountrySubDivision'), 'Name', commodity.placeOfOrigin.region);
  }
  for (const treatment of [...shared, ...(commodity.treatments ?? [])]) writeProcess(w, line, treatment);
}

function classification(
  w: SpsWriter,
  line: XMLBuilder,
  system: string,
  value: string | undefined,
  element: 'ClassCode' | 'ClassName',
): void {
  if (value === undefined) return;
  const entry = w.ele(line, 'ApplicableSPSClassification');
  w.code(entry, 'SystemName', system);
  if (element === 'ClassCode') w.code(entry, 'ClassCode', value);
  else w.text(entry, 'ClassName', value);
}

function writeProcess(w: SpsWriter, line: XMLBuilder, treatment: Treatment): void {
  const process = w.ele(line, 'AppliedSPSProcess');
  w.code(process, 'TypeCode', treatment.type);
  const period = w.ele(process, 'CompletionSPSPeriod');
  w.dateTime(period, 'StartDateTime', treatment.date);
  w.dateTime(period, 'EndDateTime', treatment.endDate);
  w.measure(period, 'DurationMeasure', treatment.duration);
  const c = TREATMENT_CHARACTERISTICS;
  const texts: [string, string | undefined][] = [
    [c.ippcType, treatment.ippcType],
    [c.ippcSubtype, treatment.ippcSubtype],
    [c.chemical, treatment.chemical],
  ];
  for (const [code, value] of texts) if (value !== undefined) characteristic(w, process, code, value);
  if (treatment.temperature) w.measure(characteristic(w, process, c.temperature), 'ValueMeasure', treatment.temperature);
  if (treatment.concentration) w.measure(characteristic(w, process, c.concentration), 'ValueMeasure', treatment.concentration);
  if (treatment.additionalInformation !== undefined) characteristic(w, process, c.additionalInformation, treatment.additionalInformation);
  if (treatment.summary !== undefined) characteristic(w, process, c.summary, treatment.summary);
}

/** A characteristic is named by its first Description; a text value is its second. */
function characteristic(w: SpsWriter, process: XMLBuilder, code: string, value?: string): XMLBuilder {
  const element = w.ele(process, 'ApplicableSPSProcessCharacteristic');
  w.code(element, 'Description', code);
  if (value !== undefined) w.text(element, 'Description', value);
  return element;
}
