//! [`Properties`]: the stored property values of one object (a bag of named [`Value`]s).
//!
//! Each object keeps two bags: its stored common properties (those the schema marks
//! [`Source::Stored`](super::schema::Source), present once set; absent ones read as their
//! default) and its private properties (`…\<id>\Parameters` in the cluster database,
//! MsCS:private-properties). Names compare ignoring case, as the cluster database's registry
//! value names do; the first spelling set is kept.

use super::Value;
use crate::world::name::eq_ignore_case;

/// Named property values, in the order they were first set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Properties {
    entries: Vec<(String, Value)>,
}

impl Properties {
    /// An empty bag.
    pub const fn new() -> Properties {
        Properties { entries: Vec::new() }
    }

    /// The value named `name` (ignoring case).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries.iter().find(|(n, _)| eq_ignore_case(n, name)).map(|(_, v)| v)
    }

    /// Sets `name` to `value`, replacing a value of that name (ignoring case).
    pub fn set(&mut self, name: &str, value: Value) {
        match self.entries.iter_mut().find(|(n, _)| eq_ignore_case(n, name)) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name.to_owned(), value)),
        }
    }

    /// Removes the value named `name`, giving it back.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.entries.iter().position(|(n, _)| eq_ignore_case(n, name))?;
        Some(self.entries.remove(at).1)
    }

    /// The values, in the order they were first set.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(n, v)| (n.as_str(), v))
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<S: Into<String>> FromIterator<(S, Value)> for Properties {
    fn from_iter<I: IntoIterator<Item = (S, Value)>>(iter: I) -> Properties {
        let mut p = Properties::new();
        for (name, value) in iter {
            p.set(&name.into(), value);
        }
        p
    }
}
