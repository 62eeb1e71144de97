import type { Commodity, Measure, Treatment } from './phytosanitary-certificate.js';
import { attribute, child, children, compact, dateOf, numeric, text, texts } from './sps-nodes.js';
import { CLASSIFICATION_SYSTEMS, NOTE_SUBJECTS, TREATMENT_CHARACTERISTICS } from './sps-note-subjects.js';
import { readNote } from './sps-note-reader.js';

/** A commodity of an IncludedSPSTradeLineItem, with every treatment written on the line. */
export function readTradeLineItem(line: unknown): Commodity {
  const classes = children(line, 'ApplicableSPSClassification');
  const classOf = (system: string, element: 'ClassCode' | 'ClassName') =>
    text(
      classes.find((entry) => text(entry, 'SystemName') === system),
      element,
    );
  const notes = children(line, 'AdditionalInformationSPSNote')
    .map(readNote)
    .filter((note) => note !== undefined);
  const marks = notes.find((note) => note.subject === NOTE_SUBJECTS.lineDistinguishingMarks);
  const pkg = child(line, 'PhysicalSPSPackage');
  const origin = child(line, 'OriginSPSCountry');
  const level = text(pkg, 'LevelCode');
  return compact({
    description: texts(line, 'Description').join('\n') || undefined,
    botanicalName: text(line, 'ScientificName'),
    commonName: text(line, 'CommonName'),
    intendedUse: text(line, 'IntendedUse'),
    hsCode: classOf(CLASSIFICATION_SYSTEMS.hs, 'ClassCode'),
    ippcCommodityClass: classOf(CLASSIFICATION_SYSTEMS.ippcClass, 'ClassName'),
    ippcCommodityCondition: classOf(CLASSIFICATION_SYSTEMS.ippcCondition, 'ClassName'),
    quantity: measure(child(line, 'NetWeightMeasure')),
    grossWeight: measure(child(line, 'GrossWeightMeasure')),
    packages:
      pkg === undefined
        ? undefined
        : compact({
            count: numeric(text(pkg, 'ItemQuantity')),
            kind: text(pkg, 'TypeCode'),
            level: level === '1' ? undefined : level,
            marks: text(child(pkg, 'PhysicalSPSShippingMarks'), 'Marking'),
          }),
    placeOfOrigin:
      origin === undefined
        ? undefined
        : compact({ country: text(origin, 'ID'), region: text(child(origin, 'SubordinateSPSCountrySubDivision'), 'Name') }),
    distinguishingMarks: marks?.content,
    additionalDeclarations: notes.filter((note) => note.subject === NOTE_SUBJECTS.lineAdditionalDeclaration).map((note) => note.content),
    notes: notes.filter((note) => note !== marks && note.subject !== NOTE_SUBJECTS.lineAdditionalDeclaration),
    treatments: children(line, 'AppliedSPSProcess').map(readProcess),
  }) as unknown as Commodity;
}

function measure(node: unknown): Measure | undefined {
  const value = numeric(text(node));
  if (value === undefined) return undefined;
  return compact({ value, unit: attribute(node, 'unitCode') }) as Measure;
}

function readProcess(process: unknown): Treatment {
  const period = child(process, 'CompletionSPSPeriod');
  const characteristics = new Map<string, unknown>();
  for (const entry of children(process, 'ApplicableSPSProcessCharacteristic')) {
    const code = text(entry, 'TypeCode') ?? texts(entry, 'Description')[0];
    if (code !== undefined && !characteristics.has(code)) characteristics.set(code, entry);
  }
  const described = (code: string) =>
    texts(characteristics.get(code), 'Description')
      .slice(text(characteristics.get(code), 'TypeCode') ? 0 : 1)
      .join('\n') || undefined;
  const c = TREATMENT_CHARACTERISTICS;
  return compact({
    type: text(process, 'TypeCode'),
    ippcType: described(c.ippcType),
    ippcSubtype: described(c.ippcSubtype),
    chemical: described(c.chemical),
    concentration: measure(child(characteristics.get(c.concentration), 'ValueMeasure')),
    temperature: measure(child(characteristics.get(c.temperature), 'ValueMeasure')),
    duration: measure(child(period, 'DurationMeasure')),
    date: dateOf(child(period, 'StartDateTime')),
    endDate: dateOf(child(period, 'EndDateTime')),
    additionalInformation: described(c.additionalInformation),
    summary: described(c.summary),
  }) as unknown as Treatment;
}
