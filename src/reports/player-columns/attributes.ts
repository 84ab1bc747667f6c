import type { AttributeKind } from '../../engine/ticket/attribute-kinds.js';
import { neutraliseFormula } from '../csv-safety.js';
import type { ColumnType, PlayerColumn } from './player-column.js';

/** The column of an attribute in players.csv: prefixed, so that no name of a user's can take a column's place, or start a cell with a formula. */
export const attributeColumnName = (name: string): string => `attr_${name}`;

/** The Parquet type of an attribute's column, by its declared kind (lists and maps are their JSON text). */
const ATTRIBUTE_TYPES: Readonly<Record<AttributeKind, ColumnType>> = { number: 'DOUBLE', string: 'VARCHAR', tag: 'BOOLEAN', 'string-list': 'VARCHAR', 'number-map': 'VARCHAR' };

/**
 * With declared attributes: one column each, attr_<name>, in their order: a
 * number, a string (neutralised: it comes from the scenario or a trace),
 * "true" for a tag that is present, a list or map as JSON text; empty when
 * absent.
 */
export const attributeColumns: PlayerColumn = {
  name: 'attr_<name>',
  header: (context) => (context.attributes ?? []).map((a) => attributeColumnName(a.name)),
  cells(row, batch, i, format) {
    for (const column of batch.attributes ?? []) {
      if (column instanceof Float64Array) row.push(format.cell(column[i]));
      else if (column instanceof Uint8Array) row.push(column[i] === 1 ? 'true' : null);
      else row.push(column[i] === null ? null : neutraliseFormula(column[i] as string));
    }
  },
  types: (context) => (context.attributes ?? []).map((a) => [attributeColumnName(a.name), ATTRIBUTE_TYPES[a.kind]] as const),
};
