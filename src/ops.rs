//! PLACEHOLDER: the op interpreter shared by the property tests and the fuzz target.
