//! Arbitrary bytes as a property list and as a value list: `PropertyList::decode` and
//! `decode_value_list` must return a value or an error, never panic; and a list that decodes
//! must encode to bytes that decode to the same list, and re-encode to the same bytes (a fixed
//! point after one round).
//!
//! `cargo fuzz run property_list -s none -- -max_total_time=30` (works on stable).

#![no_main]

use clusapi_sim::property::{PropertyList, decode_value_list};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = decode_value_list(bytes);
    if let Ok(list) = PropertyList::decode(bytes) {
        let encoded = list.encode();
        let again = PropertyList::decode(&encoded).expect("an encoded list decodes");
        assert_eq!(again, list, "decode(encode(decode(bytes))) != decode(bytes)");
        assert_eq!(again.encode(), encoded, "encoding is not a fixed point");
    }
});
