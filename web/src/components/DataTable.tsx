/**
 * A TanStack Table laid out as the console's tables are: one header row, the cell of one column as
 * each row's header for assistive technology, each cell labelled with its column so that on a
 * narrow screen a row becomes a card (see styles.css, `table-cards`).
 */
import { flexRender, type Table } from '@tanstack/react-table';

export function DataTable<T>({
  table,
  caption,
  rowHeader,
  narrowColumns = [],
}: {
  table: Table<T>;
  caption: string;
  /** The column whose cell names its row. */
  rowHeader: string;
  /** Columns drawn narrow (a row's checkbox). */
  narrowColumns?: string[];
}) {
  const cellClass = (id: string) => (narrowColumns.includes(id) ? 'select-cell' : undefined);
  return (
    <table className="table table-cards">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => (
              <th key={h.id} scope="col" className={cellClass(h.column.id)}>
                {flexRender(h.column.columnDef.header, h.getContext())}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getVisibleCells().map((cell) => {
              const header = cell.column.columnDef.header;
              const id = cell.column.id;
              const label = typeof header === 'string' ? header : id.charAt(0).toUpperCase() + id.slice(1);
              const content = flexRender(cell.column.columnDef.cell, cell.getContext());
              return id === rowHeader ? (
                <th key={cell.id} scope="row" data-label={label}>
                  {content}
                </th>
              ) : (
                <td key={cell.id} data-label={label} className={cellClass(id)}>
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
