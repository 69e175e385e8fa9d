//! Properties: the `CLUSPROP_*` property-list codec ([`list`]), the schema of every object
//! kind's common and private properties, and the store behind them.
//!
//! Facts: `reference/engine-properties-notify.md` §C (binary layout C.1, syntaxes C.2, the
//! control codes C.3 and C.4, the properties by object C.5 and C.6).

pub mod list;
pub(crate) mod schema;
mod store;

pub use list::{Property, PropertyList, PropertyWriter, Value};
pub use schema::format;
pub use store::Properties;
