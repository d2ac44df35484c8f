//! Reading an import file: CSV (UTF-8, comma, semicolon or tab) or XLSX
//! (`calamine`, cell by cell) into a header row and rows of text cells,
//! each with the line a spreadsheet shows; sizes and shapes that could
//! exhaust the server are refused.
//!
//! An XLSX is a zip of XML parts. Before `calamine` opens one, every part
//! is unpacked once into nothing, counting: too many parts, a part or a
//! whole that unpacks past its bound, or a part packed more tightly than
//! real spreadsheets are (a zip bomb) refuse the file (OWASP File Upload
//! Cheat Sheet, "zip bombs"). `calamine` reads the shared strings whole,
//! so their part has the smallest bound. Reading runs on blocking threads,
//! at most [`PARALLEL_READS`] at once, so the server keeps answering.

use crate::error::DomainError;
use nikoo_types::outcome::Rule;

/// The largest file accepted, in bytes (10 MiB: some 100,000 rows of CSV).
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// The most rows one file may have.
pub const MAX_ROWS: usize = 100_000;
/// The most row errors a dry run lists (the count is always exact).
pub const LISTED_ERRORS: usize = 200;

/// A file read into a header and rows of text cells.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
/// The most cells (blank ones too) a sheet's reading visits: every row
/// and column allowed, so a sheet of blank cells ends as one of text does.
const MAX_CELLS: usize = (MAX_ROWS + 1) * MAX_COLUMNS;
/// The most parts an XLSX may have (a spreadsheet has about a dozen).
const MAX_PARTS: usize = 256;
/// The most a worksheet part may unpack to (the sheet of 100,000 rows of
/// a dozen columns is some 40 MiB of XML); it is read cell by cell.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most the shared strings may unpack to: `calamine` holds them all,
/// each a `String` (100,000 rows of four distinct Persian texts of 40
/// letters are some 40 MiB).
const MAX_SHARED_STRINGS_BYTES: u64 = 48 * 1024 * 1024;
/// The most strings the shared strings may list, or declare in their
/// `uniqueCount` (which `calamine` reserves room for before reading one:
/// a 1 KB file declaring 10¹² would abort the process).
const MAX_SHARED_STRINGS: u64 = (MAX_CELLS / 4) as u64;
/// The most any other part (styles, theme, workbook, relationships) may
/// unpack to: `calamine` holds what they describe; a spreadsheet's are
/// well under 1 MiB.
const MAX_OTHER_PART_BYTES: u64 = 4 * 1024 * 1024;
/// The most entries of one kind (fonts, fills, borders, cell formats,
/// number formats) the styles may list: Excel allows 64,000 cell formats
/// ("Excel specifications and limits").
const MAX_STYLE_ENTRIES: usize = 65_536;
/// The most all parts together may unpack to.
const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;
/// The tightest packing allowed for a part over 1 MiB unpacked: real
/// sheets pack 5–20 to 1, very repetitive ones about 100; deflate's limit
/// is about 1,000.
const MAX_PACKING_RATIO: u64 = 200;
/// How many files are read at once; more wait their turn.
pub const PARALLEL_READS: usize = 2;

/// Runs `work` (reading a file, or sealing or opening its rows: seconds
/// of CPU for a large one) on a blocking thread, at most
/// [`PARALLEL_READS`] at once, so the async runtime keeps serving. The
/// turn is held by the thread, so a caller that stops waiting does not
/// let another start while this one still runs.
///
/// # Errors
/// As `work`; `Unexpected` if its thread fails.
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, DomainError> + Send + 'static,
) -> Result<T, DomainError> {
    static TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(PARALLEL_READS);
    let unexpected =
        |e: &dyn std::fmt::Display| DomainError::Unexpected(format!("import reading: {e}"));
    let turn = TURNS.acquire().await.map_err(|e| unexpected(&e))?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        work()
    })
    .await
    .map_err(|e| unexpected(&e))?
}

/// What a part of an XLSX holds, by its name, for its bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// `…/worksheets/…`: read cell by cell, bounded by [`MAX_PART_BYTES`].
    Worksheet,
    /// `…sharedStrings.xml` (wherever the workbook's relationships put it).
    SharedStrings,
    /// `…styles.xml`.
    Styles,
    Other,
}

impl Part {
    fn of(name: &str) -> Part {
        let name = name.replace('\\', "/").to_ascii_lowercase();
        if name.ends_with("sharedstrings.xml") {
            Part::SharedStrings
        } else if name.ends_with("styles.xml") {
            Part::Styles
        } else if name.contains("worksheets/") {
            Part::Worksheet
        } else {
            Part::Other
        }
    }

    fn bound(self) -> u64 {
        match self {
            Part::Worksheet => MAX_PART_BYTES,
            Part::SharedStrings => MAX_SHARED_STRINGS_BYTES,
            Part::Styles | Part::Other => MAX_OTHER_PART_BYTES,
        }
    }
}

/// Unpacks every part of the XLSX `bytes`, counting, and refuses the
/// archive past the bounds above; the shared strings and the styles are
/// also counted entry by entry (what `calamine` would hold of them).
fn check_archive(bytes: &[u8]) -> Result<(), Rule> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| Rule::WrongType)?;
    if zip.len() > MAX_PARTS {
        return Err(Rule::TooLarge);
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| Rule::WrongType)?;
        let kind = Part::of(&part.name().unwrap_or_default());
        let bound = kind.bound();
        // The declared size first, then what it really unpacks to.
        if part.size() > bound {
            return Err(Rule::TooLarge);
        }
        let packed = part.compressed_size().max(1);
        let mut limited = (&mut part).take(bound + 1);
        let unpacked = if matches!(kind, Part::SharedStrings | Part::Styles) {
            let mut xml = Vec::new();
            limited.read_to_end(&mut xml).map_err(|_| Rule::WrongType)?;
            if xml.len() as u64 <= bound {
                check_entries(kind, &xml)?;
            }
            xml.len() as u64
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(|_| Rule::WrongType)?
        };
        if unpacked > bound || (unpacked > 1024 * 1024 && unpacked / packed > MAX_PACKING_RATIO) {
            return Err(Rule::TooLarge);
        }
        total += unpacked;
        if total > MAX_UNPACKED_BYTES {
            return Err(Rule::TooLarge);
        }
    }
    Ok(())
}

/// Refuses shared strings listing or declaring more than
/// [`MAX_SHARED_STRINGS`], and styles listing more than
/// [`MAX_STYLE_ENTRIES`] of one kind.
fn check_entries(kind: Part, xml: &[u8]) -> Result<(), Rule> {
    let mut counts = [0usize; 6];
    const NAMES: [&[u8]; 6] = [b"si", b"font", b"fill", b"border", b"xf", b"numFmt"];
    for (name, attributes) in start_tags(xml) {
        if name == b"sst" && kind == Part::SharedStrings {
            if declared_count(attributes).is_some_and(|n| n > MAX_SHARED_STRINGS) {
                return Err(Rule::TooLarge);
            }
        } else if let Some(i) = NAMES.iter().position(|n| *n == name) {
            counts[i] += 1;
        }
    }
    let too_many = match kind {
        Part::SharedStrings => counts[0] as u64 > MAX_SHARED_STRINGS,
        _ => counts[1..].iter().any(|n| *n > MAX_STYLE_ENTRIES),
    };
    if too_many {
        Err(Rule::TooLarge)
    } else {
        Ok(())
    }
}

/// Each start tag of `xml` as its local name (namespace prefix dropped)
/// and the text of its attributes. Comments, declarations and end tags
/// are skipped; what a comment holds may count too, which only refuses
/// sooner.
fn start_tags(xml: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    xml.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .filter_map(move |(at, _)| {
            let tag = &xml[at + 1..];
            if matches!(tag.first(), None | Some(b'/' | b'?' | b'!')) {
                return None;
            }
            let end = tag.iter().position(|b| *b == b'>').unwrap_or(tag.len());
            let tag = &tag[..end];
            let name_end = tag
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'/')
                .unwrap_or(tag.len());
            let name = &tag[..name_end];
            let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
            Some((local, &tag[name_end..]))
        })
}

/// The number in a `uniqueCount="…"` attribute (`u64::MAX` when it has
/// more digits than fit), if there is one.
fn declared_count(attributes: &[u8]) -> Option<u64> {
    let key = b"uniqueCount";
    let at = attributes.windows(key.len()).position(|w| w == key)?;
    let value = attributes[at + key.len()..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'"' | b'\''));
    let digits: Vec<u8> = value.take_while(|b| b.is_ascii_digit()).copied().collect();
    if digits.is_empty() {
        return None;
    }
    Some(
        std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse().ok())
            .unwrap_or(u64::MAX),
    )
}

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
/// [`MAX_ROWS`], columns past [`MAX_COLUMNS`], text past
/// [`MAX_SHEET_TEXT_BYTES`] and cells, blank or not, past [`MAX_CELLS`]
/// stop the reading with the file's error code.
fn read_xlsx(bytes: &[u8]) -> Result<Lines, Rule> {
    use calamine::{Data, DataType, Reader, Xlsx};
    check_archive(bytes)?;
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|_| Rule::WrongType)?;
    let name = book.sheet_names().first().cloned().ok_or(Rule::WrongType)?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|_| Rule::WrongType)?;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    let mut text_bytes = 0usize;
    let (mut visited, mut rows_seen, mut last_row) = (0usize, 0usize, None);
    while let Some(cell) = cells.next_cell().map_err(|_| Rule::WrongType)? {
        visited += 1;
        if visited > MAX_CELLS {
            return Err(Rule::TooLarge);
        }
        let (row, column) = cell.get_position();
        // Blank rows count as rows, as they count as lines.
        if last_row != Some(row) {
            last_row = Some(row);
            rows_seen += 1;
            if rows_seen > MAX_ROWS + 1 {
                return Err(Rule::TooManyRows);
            }
        }
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
