import type { ElementMap, GroupMap, LeafKind, LeafMap, ListMap } from './element-map.js';

/** Small constructors that keep the profiles' element maps readable. */
export const leaf = (element: string, path: string, kind: LeafKind = 'text'): LeafMap => ({ element, path, kind });

export const group = (element: string, path: string | undefined, children: ElementMap[]): GroupMap =>
  path === undefined ? { element, children } : { element, path, children };

export const list = (element: string, path: string, item: ListMap['item'], maxItems: number): ListMap => ({
  element,
  path,
  item,
  maxItems,
});

/** `<Amount currencyID="USD">1250.5</Amount>`, as UN/CEFACT and the WCO Data Model write amounts. */
export const amount = (element: string, path: string, currencyPath: string): LeafMap => ({
  element,
  path,
  kind: 'decimal',
  attributes: [{ name: 'currencyID', path: currencyPath, kind: 'text' }],
});

/** `<Quantity unitCode="KGM">1200</Quantity>` (UN/ECE Recommendation 20 units). */
export const measure = (element: string, path: string): LeafMap => ({
  element,
  path: `${path}.value`,
  kind: 'decimal',
  attributes: [{ name: 'unitCode', path: `${path}.unit`, kind: 'text' }],
});

/** A party with WCO Data Model names (Name, ID, Address, Communication). */
export function wcoParty(element: string, path: string): GroupMap {
  return group(element, path, [
    leaf('Name', 'name'),
    leaf('ID', 'taxId'),
    group('Address', 'address', [
      leaf('Line', 'street'),
      leaf('CityName', 'city'),
      leaf('CountrySubDivisionName', 'subdivision'),
      leaf('PostcodeID', 'postcode'),
      leaf('CountryCode', 'country'),
    ]),
    group('Contact', 'contact', [leaf('Name', 'name'), leaf('TelephoneID', 'phone'), leaf('EmailAddressID', 'email')]),
  ]);
}

/** A party with UN/CEFACT names (as in the SPS certificate and e-Form D). */
export function cefactParty(element: string, path: string): GroupMap {
  return group(element, path, [
    leaf('Name', 'name'),
    leaf('ID', 'taxId'),
    group('SpecifiedAddress', 'address', [
      leaf('LineOne', 'street'),
      leaf('CityName', 'city'),
      leaf('CountrySubDivisionName', 'subdivision'),
      leaf('PostcodeCode', 'postcode'),
      leaf('CountryID', 'country'),
    ]),
    group('DefinedContact', 'contact', [leaf('PersonName', 'name'), leaf('TelephoneCompleteNumber', 'phone'), leaf('EmailURIID', 'email')]),
  ]);
}

/** Packages: count, UN/ECE Recommendation 21 type, shipping marks. */
export const packaging = (element: string, path: string): GroupMap =>
  group(element, path, [leaf('QuantityQuantity', 'count', 'integer'), leaf('TypeCode', 'kind'), leaf('MarksNumbersID', 'marks')]);
