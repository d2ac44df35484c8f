//! XLSX files built to exhaust the server (issue 14): each shape is
//! refused, and reading it never holds more than [`PEAK_BOUND`] bytes at
//! once. Its own test binary, because it counts every allocation of the
//! process (`peakmem-alloc` as the global allocator), one bomb at a time.
#![allow(clippy::unwrap_used)]

use nikoo_domain::imports::read_sheet;
use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use std::io::Write;
use std::sync::Mutex;

/// The most a bomb's reading may hold at once: 256 MiB (the 511 KB file of
/// the report took the server from 0.35 to 1.98 GB).
const PEAK_BOUND: usize = 256 * 1024 * 1024;

#[global_allocator]
static GLOBAL: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

/// One bomb at a time, so each peak is its own.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// An XLSX whose sheet's `<sheetData>` holds `rows` (each written by the
/// closure, streamed into the zip) and whose shared strings are `strings`
/// copies of `<si><t>s</t></si>`; `dimension` is the sheet's declared extent.
fn xlsx(dimension: &str, rows: &dyn Fn(&mut dyn Write), strings: usize) -> Vec<u8> {
    let items = |w: &mut dyn Write| {
        let chunk = "<si><t>s</t></si>".repeat(1024);
        for _ in 0..strings / 1024 {
            w.write_all(chunk.as_bytes()).unwrap();
        }
    };
    xlsx_with(dimension, rows, &strings.to_string(), &items, None)
}

/// Writes part of a file's XML.
type Writes<'a> = &'a dyn Fn(&mut dyn Write);

/// As [`xlsx`], the shared strings' `uniqueCount` and items as given, and
/// a styles part when `styles` is given.
fn xlsx_with(
    dimension: &str,
    rows: Writes,
    unique_count: &str,
    items: Writes,
    styles: Option<Writes>,
) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/sharedStrings.xml", deflated).unwrap();
    write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="{unique_count}">"#).unwrap();
    items(&mut zip);
    zip.write_all(b"</sst>").unwrap();
    if let Some(styles) = styles {
        zip.start_file("xl/styles.xml", deflated).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#).unwrap();
        styles(&mut zip);
        zip.write_all(b"</styleSheet>").unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", deflated)
        .unwrap();
    write!(
        zip,
        r#"{SHEET_START}<dimension ref="{dimension}"/><sheetData>"#
    )
    .unwrap();
    rows(&mut zip);
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap().into_inner()
}

/// A header row and one row of gifts.
fn small_rows(w: &mut dyn Write) {
    w.write_all(br#"<row r="1"><c r="A1" t="inlineStr"><is><t>amount</t></is></c></row><row r="2"><c r="A2"><v>100</v></c></row>"#).unwrap();
}

/// Reads `bytes` and returns the refusal's code and the peak bytes held
/// meanwhile (beyond what was held before).
fn read(bytes: &[u8]) -> (String, usize) {
    GLOBAL.reset_peak_memory();
    let outcome = read_sheet("bomb.xlsx", bytes);
    let peak = GLOBAL.get_peak_memory();
    let code = match outcome {
        Ok(sheet) => format!("read {} rows", sheet.rows.len()),
        Err(e) => e.outcome().code,
    };
    (code, peak)
}

fn assert_refused(name: &str, bytes: &[u8], expected: &str) {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (code, peak) = read(bytes);
    assert_eq!(code, expected, "{name} ({} bytes)", bytes.len());
    assert!(
        peak < PEAK_BOUND,
        "{name}: held {} MiB at once",
        peak / 1024 / 1024
    );
}

#[test]
fn a_normal_file_is_read() {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (code, _) = read(&xlsx("A1:A2", &small_rows, 1024));
    assert_eq!(code, "read 1 rows");
}

#[test]
fn huge_shared_strings_are_refused_before_they_are_read() {
    // 4 Mi copies of a 17-byte item: 68 MiB of XML, some 100 KB packed.
    let bomb = xlsx("A1:A2", &small_rows, 4 * 1024 * 1024);
    assert!(bomb.len() < 10 * 1024 * 1024);
    assert_refused("huge shared strings", &bomb, "too_large");
}

#[test]
fn a_declared_string_count_is_not_believed() {
    // A file of about 1 KB declaring 10¹² strings: calamine would reserve
    // room for them all before reading one (24 TB: the process aborts).
    let bomb = xlsx_with("A1:A2", &small_rows, "1000000000000", &|_| {}, None);
    assert!(bomb.len() < 4096);
    assert_refused("declared strings", &bomb, "too_large");
    let digits = xlsx_with("A1:A2", &small_rows, &"9".repeat(40), &|_| {}, None);
    assert_refused("declared digits", &digits, "too_large");
}

#[test]
fn millions_of_empty_strings_are_refused() {
    // Two million `<si/>`: 10 MB of XML, under the bytes bound, each a String.
    let empties = |w: &mut dyn Write| {
        let chunk = "<si/>".repeat(1024);
        for _ in 0..2048 {
            w.write_all(chunk.as_bytes()).unwrap();
        }
    };
    let bomb = xlsx_with("A1:A2", &small_rows, "1", &empties, None);
    assert_refused("empty strings", &bomb, "too_large");
}

#[test]
fn styles_with_a_million_formats_are_refused() {
    let formats = |w: &mut dyn Write| {
        w.write_all(b"<cellXfs>").unwrap();
        let chunk = "<xf/>".repeat(1024);
        for _ in 0..800 {
            w.write_all(chunk.as_bytes()).unwrap();
        }
        w.write_all(b"</cellXfs>").unwrap();
    };
    let bomb = xlsx_with("A1:A2", &small_rows, "1", &|_| {}, Some(&formats));
    assert_refused("styles", &bomb, "too_large");
    // A few hundred formats, as real files have, are read.
    let few = |w: &mut dyn Write| {
        w.write_all(b"<cellXfs>").unwrap();
        w.write_all("<xf/>".repeat(300).as_bytes()).unwrap();
        w.write_all(b"</cellXfs>").unwrap();
    };
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (code, _) = read(&xlsx_with("A1:A2", &small_rows, "0", &|_| {}, Some(&few)));
    assert_eq!(code, "read 1 rows");
}

#[test]
fn a_huge_sheet_dimension_reads_only_its_cells() {
    // Declares the whole grid, then names a cell at its far corner.
    let far = |w: &mut dyn Write| {
        small_rows(w);
        w.write_all(br#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#)
            .unwrap();
    };
    assert_refused(
        "huge dimension",
        &xlsx("A1:XFD1048576", &far, 0),
        "too_many_columns",
    );
}

#[test]
fn a_part_packed_like_a_bomb_is_refused() {
    // 20 MiB of one repeated byte: under the part bound, packed ~1,000 to 1.
    let padded = |w: &mut dyn Write| {
        small_rows(w);
        let spaces = vec![b' '; 1024 * 1024];
        for _ in 0..20 {
            w.write_all(&spaces).unwrap();
        }
    };
    assert_refused("deep ratio", &xlsx("A1:A2", &padded, 0), "too_large");
}

#[test]
fn many_blank_cells_end_the_reading() {
    // 880,000 styled blank cells over 110,000 rows: nothing to import,
    // much to walk; the rows pass the bound before the cells would.
    let blanks = |w: &mut dyn Write| {
        small_rows(w);
        for r in 3..=110_000u32 {
            write!(w, r#"<row r="{r}">"#).unwrap();
            for c in ["A", "B", "C", "D", "E", "F", "G", "H"] {
                write!(w, r#"<c r="{c}{r}" s="1"/>"#).unwrap();
            }
            w.write_all(b"</row>").unwrap();
        }
    };
    let bomb = xlsx("A1:H110000", &blanks, 0);
    let (code, peak) = {
        let _one = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        read(&bomb)
    };
    // Refused as too many rows or too large, never read as 1 row.
    assert!(code == "too_large" || code == "too_many_rows", "{code}");
    assert!(peak < PEAK_BOUND, "held {} MiB", peak / 1024 / 1024);
}
