//! The public transparency pages: the home page, the program list, a
//! program's page and a center's page.

pub mod center;
pub mod home;
pub mod program;
pub mod programs;
