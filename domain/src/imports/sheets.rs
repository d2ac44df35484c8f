//! Reading an import file: CSV (UTF-8, comma, semicolon or tab) or XLSX
//! (`calamine`, cell by cell) into a header row and rows of text cells,
//! each with the line a spreadsheet shows; sizes and shapes that could
//! exhaust the server are refused.

use crate::error::DomainError;
use nikoo_types::outcome::Rule;

/// The largest file accepted, in bytes (10 MiB: some 100,000 rows of CSV).
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// The most rows one file may have.
pub const MAX_ROWS: usize = 100_000;
/// The most row errors a dry run lists (the count is always exact).
pub const LISTED_ERRORS: usize = 200;

/// A file read into a header and rows of text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Each row's line, 1-based, as a spreadsheet shows it (blank rows
    /// dropped from `rows` still count).
    pub lines: Vec<usize>,
}

/// The most columns a sheet may have (a file has a dozen at most).
pub const MAX_COLUMNS: usize = 64;
/// The most text a sheet may hold once unpacked, in bytes (an XLSX is a
/// zip: its cells may be far larger than the file).
const MAX_SHEET_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// A sheet's rows with their lines, as read.
type Lines = Vec<(usize, Vec<String>)>;

/// Reads a CSV (UTF-8, with or without a byte-order mark; comma,
/// semicolon or tab separated) or an XLSX file (its first sheet), by its
/// name's extension. Empty rows are dropped.
///
/// # Errors
/// `Invalid` on field `file`: `required`, `too_large` (also a sheet that
/// unpacks to more than 64 MiB of text), `wrong_type` (not CSV or XLSX, or
/// not readable as one), `no_rows`, `too_many_rows`, `too_many_columns`.
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet, DomainError> {
    let bad = |code: Rule| DomainError::invalid("file", code);
    if bytes.is_empty() {
        return Err(bad(Rule::Required));
    }
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(bad(Rule::TooLarge));
    }
    let lower = file_name.to_ascii_lowercase();
    let mut table = if lower.ends_with(".xlsx") {
        read_xlsx(bytes).map_err(bad)?
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        read_csv(bytes).ok_or_else(|| bad(Rule::WrongType))?
    } else {
        return Err(bad(Rule::WrongType));
    };
    table.retain(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    if table.len() < 2 {
        return Err(bad(Rule::NoRows));
    }
    if table.len() - 1 > MAX_ROWS {
        return Err(bad(Rule::TooManyRows));
    }
    if table.iter().any(|(_, r)| r.len() > MAX_COLUMNS) {
        return Err(bad(Rule::TooManyColumns));
    }
    let (_, header) = table.remove(0);
    let (lines, rows) = table.into_iter().unzip();
    Ok(Sheet {
        headers: header.into_iter().map(|h| h.trim().to_owned()).collect(),
        rows,
        lines,
    })
}

fn read_csv(bytes: &[u8]) -> Option<Lines> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.ok().map(|r| {
                let line = r.position().map_or(0, |p| p.line());
                let line = usize::try_from(line).unwrap_or(usize::MAX);
                (line, r.iter().map(str::to_owned).collect())
            })
        })
        .collect()
}

/// The first sheet's cells, read one by one (calamine's `worksheet_range`
/// would allocate the whole rectangle a single far cell spans, so a tiny
/// file naming cell `XFD1048576` would take the server down). Rows past
/// [`MAX_ROWS`], columns past [`MAX_COLUMNS`] and text past
/// [`MAX_SHEET_TEXT_BYTES`] stop the reading with the file's error code.
fn read_xlsx(bytes: &[u8]) -> Result<Lines, Rule> {
    use calamine::{Data, DataType, Reader, Xlsx};
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|_| Rule::WrongType)?;
    let name = book.sheet_names().first().cloned().ok_or(Rule::WrongType)?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|_| Rule::WrongType)?;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    let mut text_bytes = 0usize;
    while let Some(cell) = cells.next_cell().map_err(|_| Rule::WrongType)? {
        let (row, column) = cell.get_position();
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        let value = Data::from(cell.get_value().clone());
        let text = match &value {
            Data::Empty => continue,
            Data::String(s) => s.clone(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Int(i) => i.to_string(),
            Data::DateTime(_) | Data::DateTimeIso(_) => value
                .as_date()
                .map(|d| d.to_string())
                .unwrap_or_else(|| value.to_string()),
            other => other.to_string(),
        };
        if text.trim().is_empty() {
            continue;
        }
        if column >= MAX_COLUMNS {
            return Err(Rule::TooManyColumns);
        }
        if !rows.contains_key(&row) && rows.len() > MAX_ROWS {
            return Err(Rule::TooManyRows);
        }
        text_bytes += text.len();
        if text_bytes > MAX_SHEET_TEXT_BYTES {
            return Err(Rule::TooLarge);
        }
        let cells_of_row = rows.entry(row).or_default();
        if cells_of_row.len() <= column {
            cells_of_row.resize(column + 1, String::new());
        }
        cells_of_row[column] = text;
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            (
                usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1),
                cells,
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(e: DomainError) -> String {
        match e {
            DomainError::Invalid(f) => format!("{}.{}", f.field, f.code),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn rows_keep_the_line_a_spreadsheet_shows() {
        let csv = "date,amount\n2025-11-20,100\n\n,\n2025-11-21,abc\n";
        let sheet = read_sheet("gifts.csv", csv.as_bytes()).unwrap();
        assert_eq!(sheet.headers, ["date", "amount"]);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.lines, [2, 5], "blank lines still count");
    }

    #[test]
    fn a_far_cell_is_refused_without_reading_the_rectangle() {
        // Cells at A1…B3 and one at XFD1048576: calamine's range would be
        // 16,384 × 1,048,576 cells; the cell reader sees three rows.
        let far = include_bytes!("../../../server/tests/fixtures/far-cell.xlsx");
        let e = read_sheet("far.xlsx", far).map(|_| ()).unwrap_err();
        assert_eq!(code(e), "file.too_many_columns");
        let wide = format!("{}\n{}\n", vec!["h"; 65].join(","), vec!["1"; 65].join(","));
        let e = read_sheet("wide.csv", wide.as_bytes())
            .map(|_| ())
            .unwrap_err();
        assert_eq!(code(e), "file.too_many_columns");
    }
}
