//! Giving: donors, donations, pledges and their installments, card
//! payments, receipts and statements — everything from a promise to money
//! received (ARCHITECTURE.md invariants 1–4).
//!
//! | module | holds |
//! |---|---|
//! | [`records`] | recording donors, donations, refunds, pledges, in-kind movements and disbursements, each with its ledger transaction, idempotent by key |
//! | [`donors`] | a donor record for an account or a guest, and the name a center may see |
//! | [`amounts`] | amounts typed in forms and files, in the designation's currency |
//! | [`installments`] | a pledge's installment rows: added as they fall due, paid, waived |
//! | [`card_installments`] | the card job: due card installments charged off-session, retried, overdue |
//! | [`pledges`] | recurring card pledges: made, paused, resumed, cancelled, changed |
//! | [`offline_pledges`] | pledges paid to the center (bank transfer, cash) and their job |
//! | [`item_pledges`] | in-kind pledges and the goods that arrive for them |
//! | [`my_giving`] | a donor's own page: pledges, schedules, payments |
//! | [`donor_cards`] | replacing the card a donor's pledges are charged to |
//! | [`pledge_list`] | who pledged, as the anonymity rule lets a viewer see |
//! | [`center_gifts`] | a center's gifts for its staff: the list, cash and transfers recorded, refunds |
//! | [`corrections`] | gifts and goods recorded by mistake reversed; pledges cancelled by the receiving center or an admin |
//! | [`receipts`], [`statements`] | a gift's receipt; a donor's yearly statement |
//! | [`payments`] | the payment-provider interface, one-time card gifts, provider events, fees |
//!
//! May use: `catalog`, `ledger`, `accounts` (the policy), `audit`,
//! `outbox`, `pledge_schedule` and the shared leaves. Used by `spending`,
//! `imports`, `transparency` and the demo.

pub mod amounts;
pub mod card_installments;
pub mod center_gifts;
pub mod corrections;
pub mod donor_cards;
pub mod donors;
pub mod installments;
pub mod item_pledges;
pub mod my_giving;
pub mod offline_pledges;
pub mod payments;
pub mod pledge_list;
pub mod pledges;
pub mod receipts;
pub mod records;
pub mod statements;
