//! Properties: the `CLUSPROP_*` property-list codec ([`list`]), value lists
//! ([`value_list`]), the syntax values ([`syntax`]), the schema of every object kind's common
//! and private properties, and the store behind them.
//!
//! Facts: `reference/engine-properties-notify.md` §C (binary layout C.1, syntaxes C.2, the
//! control codes C.3 and C.4, the properties by object C.5 and C.6).

pub mod list;
pub(crate) mod schema;
mod store;
pub mod syntax;
pub mod value_list;

pub use list::{Property, PropertyList, PropertyWriter, Value, names_match, write_multi_sz};
pub use schema::{Refusal, common_format, format, format_name, private_format, required_private};
pub use store::Properties;
pub use value_list::{ValueListWriter, decode_value_list, multi_sz_bytes};
