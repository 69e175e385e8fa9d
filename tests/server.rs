//! Server mode tests.
