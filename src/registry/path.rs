//! Key paths and names: splitting, validating and case folding.

use std::cmp::Ordering;

use crate::error::{Error, Result};
use crate::world::upcase;

/// The longest key name, in UTF-16 units (Windows registry limit: 255 characters).
pub const MAX_KEY_NAME_LEN: usize = 255;

/// The longest value name, in UTF-16 units (Windows registry limit: 16,383 characters).
pub const MAX_VALUE_NAME_LEN: usize = 16_383;

/// The length of `s` in UTF-16 units, the unit the `lpcch*` arguments count.
pub(crate) fn utf16_len(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.encode_utf16().count() }
}

/// The upper-cased form that names compare by (one character for one, like
/// `RtlUpcaseUnicodeChar`; the same rule as the world's object names).
pub(crate) fn fold(name: &str) -> Box<str> {
    if name.is_ascii() { name.to_ascii_uppercase().into() } else { name.chars().map(upcase).collect() }
}

/// Compares an already folded name with a name not yet folded, without allocating.
pub(crate) fn cmp_folded(folded: &str, name: &str) -> Ordering {
    if name.is_ascii() {
        folded.bytes().cmp(name.bytes().map(|b| b.to_ascii_uppercase()))
    } else {
        folded.chars().cmp(name.chars().map(upcase))
    }
}

/// The components of a relative key path: `""` is none (the same key); otherwise `\`
/// separates non-empty names of at most [`MAX_KEY_NAME_LEN`] units.
///
/// # Errors
///
/// `ERROR_INVALID_PARAMETER (87)` for a path that starts with `\` (doc:ClusterRegOpenKey: the
/// subkey must not begin with a backslash), and, a **choice**, for an empty component anywhere
/// else (`a\\b`, a trailing `\`) and a component longer than the limit.
pub(crate) fn components(path: &str) -> Result<Vec<&str>> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = path.split('\\').collect();
    if parts.iter().any(|p| p.is_empty() || utf16_len(p) > MAX_KEY_NAME_LEN) {
        return Err(Error::INVALID_PARAMETER);
    }
    Ok(parts)
}

/// Checks a value name: at most [`MAX_VALUE_NAME_LEN`] units; `""` is the default value.
///
/// # Errors
///
/// `ERROR_INVALID_PARAMETER (87)` for a longer name (a **choice**; Windows limit).
pub(crate) fn check_value_name(name: &str) -> Result<()> {
    if utf16_len(name) > MAX_VALUE_NAME_LEN { Err(Error::INVALID_PARAMETER) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;

    #[test]
    fn paths_split_on_backslashes_and_reject_empty_components() {
        assert_eq!(components("").unwrap(), Vec::<&str>::new());
        assert_eq!(components(r"a\b\c").unwrap(), vec!["a", "b", "c"]);
        for bad in [r"\a", r"a\\b", r"a\", r"\"] {
            assert_eq!(components(bad).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER, "{bad:?}");
        }
        let long = "x".repeat(MAX_KEY_NAME_LEN);
        assert!(components(&long).is_ok());
        assert!(components(&format!("{long}x")).is_err());
    }

    #[test]
    fn folding_agrees_with_comparison() {
        for (a, b) in [("Parameters", "PARAMETERS"), ("grüße", "GRÜßE"), ("ab", "AB")] {
            assert_eq!(cmp_folded(&fold(a), b), Ordering::Equal, "{a} vs {b}");
        }
        assert_eq!(cmp_folded(&fold("a"), "B"), Ordering::Less);
        assert_eq!(cmp_folded(&fold("é"), "e"), Ordering::Greater);
        assert_eq!(utf16_len("𝄞a"), 3);
    }
}
