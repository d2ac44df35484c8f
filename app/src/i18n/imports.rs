//! The strings of imports; Persian and English.

use nikoo_types::Locale;

/// Import strings of one language.
#[derive(Debug)]
pub struct ImportStrings {
    pub title: &'static str,
    pub link: &'static str,
    pub intro: &'static str,
    pub upload_title: &'static str,
    pub kind: &'static str,
    pub kind_donations: &'static str,
    pub kind_beneficiaries: &'static str,
    pub file: &'static str,
    pub file_hint: &'static str,
    pub upload_button: &'static str,
    pub none: &'static str,
    pub col_file: &'static str,
    pub col_kind: &'static str,
    pub col_status: &'static str,
    pub col_rows: &'static str,
    pub col_date: &'static str,
    pub mapping_title: &'static str,
    pub mapping_intro: &'static str,
    pub not_in_file: &'static str,
    pub required: &'static str,
    pub check_button: &'static str,
    pub errors_title: &'static str,
    pub col_row: &'static str,
    pub col_field: &'static str,
    pub col_problem: &'static str,
    pub errors_more: &'static str,
    pub ready: &'static str,
    pub import_button: &'static str,
    pub importing: &'static str,
    pub imported: &'static str,
    pub failed: &'static str,
    pub back: &'static str,
}

pub const FA: ImportStrings = ImportStrings {
    title: "ورود از فایل",
    link: "ورود کمک‌ها و مددجویان از فایل",
    intro: "کمک‌های نقدی و واریزی یا پرونده‌های مددجویان را از فایل CSV یا XLSX وارد کنید. نخست بررسی آزمایشی همهٔ سطرها را می‌سنجد؛ ورود یا همه را ثبت می‌کند یا هیچ را. ورود دوبارهٔ همان فایل چیزی را دو بار ثبت نمی‌کند.",
    upload_title: "فایل تازه",
    kind: "چه چیزی؟",
    kind_donations: "کمک‌ها (نقدی و واریز بانکی)",
    kind_beneficiaries: "مددجویان",
    file: "فایل",
    file_hint: "CSV (UTF-8) یا XLSX، تا ۱۰ مگابایت؛ سطر نخست سرستون‌هاست.",
    upload_button: "بارگذاری",
    none: "هنوز فایلی وارد نشده است.",
    col_file: "فایل",
    col_kind: "نوع",
    col_status: "وضعیت",
    col_rows: "سطرها",
    col_date: "تاریخ",
    mapping_title: "ستون‌ها",
    mapping_intro: "برای هر بخش، ستونی از فایل را برگزینید. ستون‌ها از روی سرستون‌ها حدس زده شده‌اند.",
    not_in_file: "— در فایل نیست —",
    required: "(لازم)",
    check_button: "بررسی آزمایشی",
    errors_title: "سطرهای نادرست",
    col_row: "سطر",
    col_field: "بخش",
    col_problem: "ایراد",
    errors_more: "و سطرهای نادرست دیگر؛ فایل را درست کنید و دوباره بفرستید.",
    ready: "همهٔ سطرها درست است و آمادهٔ ورود:",
    import_button: "ورود همه",
    importing: "در حال ورود:",
    imported: "وارد شد. سطرهای تازه:",
    failed: "ورود به خطا خورد و چیزی ثبت نشد.",
    back: "بازگشت به ورودها",
};

pub const EN: ImportStrings = ImportStrings {
    title: "Import from a file",
    link: "Import gifts and beneficiaries",
    intro: "Import cash and bank-transfer gifts, or beneficiaries' records, from a CSV or XLSX file. A dry run checks every row first; the import then records all of them or none. Importing the same file again records nothing twice.",
    upload_title: "A new file",
    kind: "What does it hold?",
    kind_donations: "Gifts (cash and bank transfers)",
    kind_beneficiaries: "Beneficiaries",
    file: "File",
    file_hint: "CSV (UTF-8) or XLSX, up to 10 MB; the first row holds the headers.",
    upload_button: "Upload",
    none: "Nothing imported yet.",
    col_file: "File",
    col_kind: "Kind",
    col_status: "Status",
    col_rows: "Rows",
    col_date: "Date",
    mapping_title: "Columns",
    mapping_intro: "Choose the file's column for each field. They were guessed from the headers.",
    not_in_file: "— not in the file —",
    required: "(required)",
    check_button: "Dry run",
    errors_title: "Rows with errors",
    col_row: "Row",
    col_field: "Field",
    col_problem: "Problem",
    errors_more: "and more rows with errors; correct the file and upload it again.",
    ready: "Every row is valid and ready to import:",
    import_button: "Import them all",
    importing: "Importing:",
    imported: "Imported. New rows:",
    failed: "The import failed and recorded nothing.",
    back: "Back to the imports",
};

/// The strings of `locale`.
pub fn strings(locale: Locale) -> &'static ImportStrings {
    match locale {
        Locale::Fa => &FA,
        Locale::En => &EN,
    }
}

/// An import's status in words.
pub fn status_label(status: &str, locale: Locale) -> &'static str {
    let fa = locale == Locale::Fa;
    match (status, fa) {
        ("uploaded", true) => "بارگذاری شد",
        ("uploaded", false) => "Uploaded",
        ("checked", true) => "آمادهٔ ورود",
        ("checked", false) => "Ready to import",
        ("refused", true) => "سطرهای نادرست دارد",
        ("refused", false) => "Has rows with errors",
        ("importing", true) => "در حال ورود",
        ("importing", false) => "Importing",
        ("imported", true) => "وارد شد",
        ("imported", false) => "Imported",
        (_, true) => "ناموفق",
        _ => "Failed",
    }
}

/// A field's name in the mapping form.
pub fn field_label(field: &str, locale: Locale) -> &'static str {
    let fa = locale == Locale::Fa;
    match (field, fa) {
        ("date", true) => "تاریخ دریافت",
        ("date", false) => "Date received",
        ("amount", true) => "مبلغ",
        ("amount", false) => "Amount",
        ("currency", true) => "ارز",
        ("currency", false) => "Currency",
        ("program", true) => "طرح (نام یا نشانی)",
        ("program", false) => "Program (title or address)",
        ("need", true) => "نیاز",
        ("need", false) => "Need",
        ("method", true) => "روش (نقد / واریز)",
        ("method", false) => "Method (cash / bank transfer)",
        ("donor_name", true) => "نام نیکوکار",
        ("donor_name", false) => "Donor's name",
        ("anonymous", true) => "ناشناس (بله/خیر)",
        ("anonymous", false) => "Anonymous (yes/no)",
        ("reference", true) => "شمارهٔ مرجع",
        ("reference", false) => "Reference",
        ("household_size", true) => "اعضای خانوار",
        ("household_size", false) => "Household size",
        ("county", true) => "شهرستان",
        ("county", false) => "County",
        ("categories", true) => "زمینه‌های نیاز",
        ("categories", false) => "Areas of need",
        ("consent_on", true) => "تاریخ رضایت",
        ("consent_on", false) => "Consent date",
        ("consent_scope", true) => "رضایت برای",
        ("consent_scope", false) => "Consent scope",
        ("name", true) => "نام",
        ("name", false) => "Name",
        ("national_id", true) => "کد ملی",
        ("national_id", false) => "National id",
        ("phone", true) => "تلفن همراه",
        ("phone", false) => "Mobile",
        ("address", true) => "نشانی",
        ("address", false) => "Address",
        ("notes", true) => "یادداشت",
        ("notes", false) => "Notes",
        (_, true) => "بخش",
        _ => "Field",
    }
}

/// The notice after an import form, by its code.
pub fn notice(code: &str, locale: Locale) -> Option<&'static str> {
    let fa = locale == Locale::Fa;
    Some(match (code, fa) {
        ("import_uploaded", true) => "فایل بارگذاری شد. ستون‌ها را ببینید و بررسی آزمایشی را بزنید.",
        ("import_uploaded", false) => {
            "The file is uploaded. Check the columns, then run the dry run."
        }
        ("import_checked", true) => "بررسی آزمایشی انجام شد.",
        ("import_checked", false) => "The dry run is done.",
        ("import_started", true) => "ورود آغاز شد.",
        ("import_started", false) => "The import has started.",
        _ => return None,
    })
}
