//! Reference geography: Iran's 31 provinces and the counties Nikoo knows,
//! loaded from `data/geography/iran.json`.

use sea_orm_migration::prelude::*;
use serde::Deserialize;

/// The file's shape: provinces, each with its counties (codes are ASCII slugs).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Geography {
    provinces: Vec<Province>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Province {
    code: String,
    fa: String,
    en: String,
    #[serde(default)]
    counties: Vec<County>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct County {
    code: String,
    fa: String,
    en: String,
}

const GEOGRAPHY_JSON: &str = include_str!("../../data/geography/iran.json");

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let geo: Geography = serde_json::from_str(GEOGRAPHY_JSON)
            .map_err(|e| DbErr::Custom(format!("data/geography/iran.json: {e}")))?;
        for (i, p) in geo.provinces.iter().enumerate() {
            let insert = Query::insert()
                .into_table(Alias::new("provinces"))
                .columns(["code", "name_fa", "name_en", "position"].map(Alias::new))
                .values_panic([
                    p.code.clone().into(),
                    p.fa.clone().into(),
                    p.en.clone().into(),
                    <i32 as std::convert::TryFrom<usize>>::try_from(i)
                        .unwrap_or(i32::MAX)
                        .into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
            for c in &p.counties {
                let insert = Query::insert()
                    .into_table(Alias::new("counties"))
                    .columns(["code", "province_code", "name_fa", "name_en"].map(Alias::new))
                    .values_panic([
                        c.code.clone().into(),
                        p.code.clone().into(),
                        c.fa.clone().into(),
                        c.en.clone().into(),
                    ])
                    .to_owned();
                manager.exec_stmt(insert).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["counties", "provinces"] {
            manager
                .exec_stmt(Query::delete().from_table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
